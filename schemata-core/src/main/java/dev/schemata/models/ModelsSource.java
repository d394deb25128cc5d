package dev.schemata.models;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.devdb.Processes;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the DDL the application's models expect comes from. Each way in yields a schema file that is loaded
 * on a throwaway database like {@code init.sql}: a file, a command's output, or what a JPA provider writes.
 */
public sealed interface ModelsSource {

    /** How to name the models in messages. */
    String describe();

    /** The directory the models' sources are under, where entity classes are looked for; null when unknown. */
    Path workDir();

    /**
     * The models' DDL as a schema file. A file produced here lives in {@code scratchDir} (owner-only) and is
     * the caller's to delete.
     */
    SchemaFile ddl(Path scratchDir);

    /** A file holding the DDL, as {@code --models-ddl FILE}. */
    record DdlFile(Path path, String display) implements ModelsSource {
        @Override
        public String describe() {
            return display;
        }

        @Override
        public Path workDir() {
            return null;
        }

        @Override
        public SchemaFile ddl(Path scratchDir) {
            if (!Files.isRegularFile(path)) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read the models' DDL " + display + ": no such file");
            }
            return new SchemaFile(path, display);
        }
    }

    /**
     * A command run through {@code sh -c} in {@code workDir} whose standard output is the DDL, as
     * {@code --models-ddl-command "python3 models.py"}.
     */
    record DdlCommand(String command, Path workDir, Duration timeout) implements ModelsSource {
        @Override
        public String describe() {
            return "the output of `" + command + "`";
        }

        @Override
        public SchemaFile ddl(Path scratchDir) {
            Processes.Result result = Processes.capture(List.of("sh", "-c", command), workDir, timeout);
            if (!result.ok()) {
                String errors = result.errors().strip();
                throw new SchemataException(ErrorCode.BAD_INPUT, "the models' DDL command `" + command + "` failed with exit code "
                        + result.exitCode() + (errors.isEmpty() ? " and printed nothing on its standard error"
                        : ":\n" + tail(errors)));
            }
            if (result.output().isBlank()) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "the models' DDL command `" + command
                        + "` printed no DDL on its standard output" + (result.errors().isBlank() ? ""
                        : " (its standard error:\n" + tail(result.errors().strip()) + ")"));
            }
            return keep(scratchDir, result.output(), "`" + command + "` output");
        }

    }

    /**
     * The application's own JPA provider writes the DDL its entities expect: {@code dev.schemata.models.jpa.JpaDdl}
     * (module {@code schemata-models-jpa}, which must be on Schemata's classpath) runs in a JVM of its own on
     * {@code classpath}, the application's runtime classpath, for a persistence unit or the entities of
     * {@code packages}.
     *
     * @param classpath       the application's classes and libraries, {@code :}-separated, relative to {@code workDir}
     * @param persistenceUnit a unit of a {@code META-INF/persistence.xml}, or null
     * @param packages        packages whose entity classes make the unit, when no persistence unit is named
     * @param properties      more properties for the provider, such as Spring Boot's naming strategy
     */
    record Jpa(String classpath, String persistenceUnit, List<String> packages, Map<String, String> properties,
               Path workDir, Duration timeout) implements ModelsSource {
        static final String MAIN = "dev.schemata.models.jpa.JpaDdl";

        public Jpa {
            packages = List.copyOf(packages);
            properties = Map.copyOf(properties);
            if ((persistenceUnit == null) == packages.isEmpty()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "name the JPA entities: either a persistence unit or "
                        + "the packages to scan for entity classes");
            }
            if (classpath == null || classpath.isBlank()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "the JPA entities need the application's classpath");
            }
        }

        /**
         * The entities of {@code packages} on this JVM's own classpath, as an application's test finds them (Maven's
         * Surefire sets {@code java.class.path} to the test classpath), read from the working directory, with two
         * minutes for the provider: what a test of the application itself passes to {@code checkModels}.
         */
        public static Jpa onThisClasspath(List<String> packages, Map<String, String> properties) {
            return new Jpa(System.getProperty("java.class.path"), null, packages, properties, Path.of("").toAbsolutePath(),
                    Duration.ofMinutes(2));
        }

        @Override
        public String describe() {
            return persistenceUnit != null ? "the JPA persistence unit " + persistenceUnit
                    : "the JPA entities of " + String.join(", ", packages);
        }

        @Override
        public SchemaFile ddl(Path scratchDir) {
            Path classes = moduleClasses(scratchDir);
            try {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", classpath + java.io.File.pathSeparator + classes, MAIN));
                if (persistenceUnit != null) {
                    command.addAll(List.of("--persistence-unit", persistenceUnit));
                } else {
                    command.addAll(List.of("--packages", String.join(",", packages)));
                }
                new TreeMap<>(properties).forEach((k, v) -> command.addAll(List.of("--property", k + "=" + v)));
                Processes.Result result = Processes.capture(command, workDir, timeout);
                String errors = result.errors().strip();
                if (!result.ok()) {
                    String cause = errors.contains("NoClassDefFoundError: jakarta/persistence")
                            || errors.contains("ClassNotFoundException: jakarta.persistence")
                            ? "no Jakarta Persistence API on the classpath (jakarta.persistence:jakarta.persistence-api "
                            + "and a provider such as org.hibernate.orm:hibernate-core): give the application's whole "
                            + "runtime classpath"
                            : result.exitCode() == 2 && !result.output().isBlank() ? result.output().strip()
                            : "exit code " + result.exitCode() + ":\n" + tail(errors);
                    throw new SchemataException(ErrorCode.BAD_INPUT, "cannot get the DDL of " + describe() + ": " + cause);
                }
                return keep(scratchDir, result.output(), describe());
            } finally {
                if (classes.startsWith(scratchDir)) {
                    deleteTree(classes);
                }
            }
        }

        /**
         * A directory holding the module's classes alone, so that nothing else of Schemata (its driver, its
         * libraries) lands on the application's classpath: the module's own output directory when Schemata
         * runs from its build, else the module's classes copied out of Schemata's jar.
         */
        private static Path moduleClasses(Path scratchDir) {
            String resource = MAIN.replace('.', '/') + ".class";
            URL url = ModelsSource.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "JPA entities need the schemata-models-jpa module on "
                        + "Schemata's classpath; it is part of the command-line jar");
            }
            try {
                if ("file".equals(url.getProtocol())) {
                    Path file = Path.of(url.toURI());
                    return file.getRoot().resolve(file.subpath(0, file.getNameCount() - resource.split("/").length));
                }
                String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
                Path dir = Files.createTempDirectory(scratchDir, "schemata-jpa-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                        if (entry.getName().startsWith(folder) && !entry.isDirectory()) {
                            Path target = dir.resolve(entry.getName());
                            Files.createDirectories(target.getParent());
                            try (InputStream in = jar.getInputStream(entry)) {
                                Files.copy(in, target);
                            }
                        }
                    }
                }
                return dir;
            } catch (IOException | java.net.URISyntaxException | ClassCastException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot read the schemata-models-jpa classes from "
                        + url + ": " + e.getMessage(), e);
            }
        }

        private static void deleteTree(Path dir) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a leftover owner-only directory in the temporary directory; nothing to fail the check for
            }
        }
    }

    /** Keeps a command's DDL output owner-only in {@code scratchDir} while it is loaded. */
    private static SchemaFile keep(Path scratchDir, String ddl, String display) {
        try {
            Path file = Files.createTempFile(scratchDir, "models-", ".sql",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, ddl, StandardCharsets.UTF_8);
            return new SchemaFile(file, display);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot keep the models' DDL: " + e.getMessage(), e);
        }
    }

    /** The last lines of a long error output: where a traceback says what went wrong. */
    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        int from = Math.max(0, lines.size() - 30);
        return (from > 0 ? "  … (" + from + " lines before)\n" : "") + String.join("\n", lines.subList(from, lines.size()))
                .lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
