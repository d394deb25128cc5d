package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.ClasspathLocations.Folder;
import dev.schemata.migration.ClasspathLocations.JarFolder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URLs a class loader gives for a folder, read as the place to list migrations from. */
class ClasspathLocationsTest {
    private static final MigrationLocation.Classpath LOCATION = new MigrationLocation.Classpath("db/migration");

    @Test
    void aClassesDirectory() {
        assertThat(root("file:/srv/app/classes/db/migration/"))
                .isEqualTo(new Folder(Path.of("/srv/app/classes/db/migration"), "file:/srv/app/classes/db/migration"));
    }

    @Test
    void aPlainJarWithAnEncodedSpace() {
        JarFolder jar = (JarFolder) root("jar:file:/srv/my%20app.jar!/db/migration");
        assertThat(jar.jar()).isEqualTo(Path.of("/srv/my app.jar"));
        assertThat(jar.nestedJar()).isNull();
        assertThat(jar.prefix()).isEqualTo("db/migration/");
    }

    @Test
    void springBoot32NestedForms() {
        JarFolder lib = (JarFolder) root("jar:nested:/srv/my%20app.jar/!BOOT-INF/lib/migrations.jar!/db/migration");
        assertThat(lib.jar()).isEqualTo(Path.of("/srv/my app.jar"));
        assertThat(lib.nestedJar()).isEqualTo("BOOT-INF/lib/migrations.jar");
        assertThat(lib.prefix()).isEqualTo("db/migration/");

        JarFolder classes = (JarFolder) root("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/db/migration/");
        assertThat(classes.nestedJar()).isNull();
        assertThat(classes.prefix()).isEqualTo("BOOT-INF/classes/db/migration/");
    }

    @Test
    void olderSpringBootForms() {
        JarFolder lib = (JarFolder) root("jar:file:/srv/app.jar!/BOOT-INF/lib/migrations.jar!/db/migration");
        assertThat(lib.nestedJar()).isEqualTo("BOOT-INF/lib/migrations.jar");
        assertThat(lib.prefix()).isEqualTo("db/migration/");

        JarFolder classes = (JarFolder) root("jar:file:/srv/app.jar!/BOOT-INF/classes!/db/migration");
        assertThat(classes.nestedJar()).isNull();
        assertThat(classes.prefix()).isEqualTo("BOOT-INF/classes/db/migration/");
    }

    @Test
    void anUnreadableUrlIsAnErrorNamingIt() {
        assertThatThrownBy(() -> root("vfs:/content/app.war/WEB-INF/classes/db/migration"))
                .isInstanceOfSatisfying(SchemataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("migrations location classpath:db/migration is at"
                            + " vfs:/content/app.war/WEB-INF/classes/db/migration, which cannot be read:"
                            + " only file: and jar: URLs can be read");
                });
    }

    @Test
    void locationsAreParsedWithOrWithoutPrefix() {
        assertThat(MigrationLocation.parse("classpath:/db/migration/")).isEqualTo(LOCATION);
        assertThat(MigrationLocation.parse("filesystem:db/x")).isEqualTo(new MigrationLocation.Directory(Path.of("db/x")));
        assertThat(MigrationLocation.parse("db/x")).isEqualTo(new MigrationLocation.Directory(Path.of("db/x")));
        assertThatThrownBy(() -> MigrationLocation.parse("s3:bucket/db"))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG));
        assertThatThrownBy(() -> MigrationLocation.parse("classpath:/"))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG));
    }

    private static ClasspathLocations.Root root(String spec) {
        try {
            return ClasspathLocations.root(new URL(null, spec, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) throws IOException {
                    throw new IOException("not opened");
                }
            }), LOCATION);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
