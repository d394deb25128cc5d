package dev.schemata.models.jpa;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A persistence unit made of the entity classes found in packages on the classpath, as an application that
 * has no {@code persistence.xml} (Spring Boot's entity scan) declares it. The classes are only read, never
 * initialised, and the unit lists them all, so the provider does not scan on its own.
 */
record ScannedUnit(List<String> managedClassNames, URL rootUrl, ClassLoader classLoader) implements PersistenceUnitInfo {

    /** The managed classes (entities, embeddables, mapped superclasses, converters) in these packages and below. */
    static ScannedUnit scan(List<String> packages, ClassLoader loader) {
        TreeSet<String> classes = new TreeSet<>();
        URL root = null;
        for (String pkg : packages) {
            String path = pkg.replace('.', '/');
            try {
                Enumeration<URL> places = loader.getResources(path);
                if (!places.hasMoreElements()) {
                    throw new JpaDdl.Failure("no package " + pkg + " on the classpath");
                }
                while (places.hasMoreElements()) {
                    URL place = places.nextElement();
                    root = root != null ? root : place;
                    for (String name : classNames(place, path)) {
                        if (managed(name, loader)) {
                            classes.add(name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (classes.isEmpty()) {
            throw new JpaDdl.Failure("no @Entity class in the packages " + String.join(", ", packages)
                    + " (or below) on the classpath");
        }
        return new ScannedUnit(List.copyOf(classes), root, loader);
    }

    /** The names of the classes under {@code place}, a directory or a folder of a jar. */
    private static List<String> classNames(URL place, String path) throws IOException {
        List<String> names = new ArrayList<>();
        if ("jar".equals(place.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) place.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(path + "/") && n.endsWith(".class"))
                        .forEach(n -> names.add(className(n)));
            }
        } else if ("file".equals(place.getProtocol())) {
            Path dir;
            try {
                dir = Path.of(place.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot read " + place, e);
            }
            Path base = dir;
            for (int i = path.split("/").length; i > 0; i--) {
                base = base.getParent();
            }
            Path classRoot = base;
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(className(classRoot.relativize(f).toString().replace('\\', '/'))));
            }
        }
        return names;
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }

    private static boolean managed(String name, ClassLoader loader) {
        if (name.endsWith("package-info") || name.endsWith("module-info")) {
            return false;
        }
        try {
            Class<?> type = Class.forName(name, false, loader);
            return type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
                    || type.isAnnotationPresent(MappedSuperclass.class) || type.isAnnotationPresent(Converter.class);
        } catch (ClassNotFoundException | LinkageError e) {
            // a class whose own dependencies are absent is no entity the application can use either
            return false;
        }
    }

    @Override
    public String getPersistenceUnitName() {
        return "schemata-models";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return null;
    }

    @Override
    public String getScopeAnnotationName() {
        return null;
    }

    @Override
    public List<String> getQualifierAnnotationNames() {
        return List.of();
    }

    @Override
    @SuppressWarnings("deprecation")
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return null;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return rootUrl;
    }

    @Override
    public List<String> getManagedClassNames() {
        return managedClassNames;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.UNSPECIFIED;
    }

    /** AUTO, as at run time: Bean Validation constraints ({@code @NotNull}, {@code @Size}) shape the DDL when present. */
    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.AUTO;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no enhancement: the classes are only read for their mapping
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
