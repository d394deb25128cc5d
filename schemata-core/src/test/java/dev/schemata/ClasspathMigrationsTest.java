package dev.schemata;

import dev.schemata.migration.MigrationLocation;
import dev.schemata.migration.MigrationSet;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations packaged in jars, read through a class loader the way an application would: a plain jar, and a
 * Spring Boot executable jar with migrations both in {@code BOOT-INF/classes} and in a nested
 * {@code BOOT-INF/lib} jar, addressed with the URLs Boot's launcher hands out (3.2+ and earlier).
 */
@ExtendWith(PostgresExtension.class)
class ClasspathMigrationsTest {
    /** Every layout, a BOM and CRLF line ends, so checksums and sections are compared on real variety. */
    private static final Map<String, String> IN_CLASSES = files(
            "001_accounts.up.sql", "\uFEFFCREATE TABLE accounts (id bigint PRIMARY KEY);\r\n",
            "001_accounts.down.sql", "DROP TABLE accounts;\n",
            "V2__seed.sql", "INSERT INTO accounts VALUES (1), (2);\n",
            "U2__seed.sql", "DELETE FROM accounts;\n");
    private static final Map<String, String> IN_LIB = files(
            "003_items.sql", "-- migrate:up\nCREATE TABLE items (id int);\n-- migrate:down\nDROP TABLE items;\n",
            "2024-01-31-120000_orders/up.sql", "CREATE TABLE orders (id int);\n",
            "2024-01-31-120000_orders/down.sql", "DROP TABLE orders;\n",
            "R__account_count.sql", "CREATE OR REPLACE VIEW account_count AS SELECT count(*) AS n FROM accounts;\n");

    @Test
    void migratesFromAPlainJarByDefaultWithTheChecksumsOfADirectory(TestDatabase db, @TempDir Path tmp) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(IN_CLASSES);
        all.putAll(IN_LIB);
        Path jar = tmp.resolve("app.jar");
        writeJar(jar, prefixed("db/migration/", all));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // No locations(…): classpath:db/migration is the default.
            Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader).load();
            assertThat(schemata.migrate().applied()).hasSize(5);

            assertThat(history(db)).isEqualTo(fromDirectory(tmp.resolve("dir"), all));
            assertThat(db.value("SELECT n FROM account_count")).isEqualTo(2L);
            assertThat(schemata.validate().valid()).isTrue();

            // Down files come out of the jar too.
            assertThat(schemata.rollback(2).rolledBack()).hasSize(2);
            assertThat(db.tables()).doesNotContain("orders", "items");
        }
    }

    @Test
    void migratesFromASpringBootJarThroughBoot32NestedUrls(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path app = springBootJar(tmp);
        String outer = app.toAbsolutePath().toString();
        ClassLoader loader = loaderAnswering("db/migration",
                url("jar:nested:" + outer + "/!BOOT-INF/classes/!/db/migration"),
                url("jar:nested:" + outer + "/!BOOT-INF/lib/migrations.jar!/db/migration"));

        migrateFromBootJar(db, tmp, loader);
    }

    @Test
    void migratesFromASpringBootJarThroughOlderNestedUrls(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path app = springBootJar(tmp);
        String outer = app.toUri().toString();
        ClassLoader loader = loaderAnswering("db/migration",
                url("jar:" + outer + "!/BOOT-INF/classes!/db/migration"),
                url("jar:" + outer + "!/BOOT-INF/lib/migrations.jar!/db/migration"));

        migrateFromBootJar(db, tmp, loader);
    }

    private void migrateFromBootJar(TestDatabase db, Path tmp, ClassLoader loader) throws IOException {
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader)
                .locations("classpath:db/migration").load();
        assertThat(schemata.migrate().applied()).hasSize(5);

        Map<String, String> all = new LinkedHashMap<>(IN_CLASSES);
        all.putAll(IN_LIB);
        assertThat(history(db)).isEqualTo(fromDirectory(tmp.resolve("dir"), all));
        assertThat(db.value("SELECT n FROM account_count")).isEqualTo(2L);
        // Sizes are known for entries of the nested jar too (its entries are written with data descriptors).
        assertThat(MigrationSet.scan(List.of(MigrationLocation.DEFAULT), loader).all())
                .allSatisfy(m -> assertThat(m.file().size()).isPositive());
        // The dbmate down section and the Diesel down.sql are read from the nested jar.
        assertThat(schemata.rollback(2).rolledBack()).hasSize(2);
        assertThat(db.tables()).doesNotContain("orders", "items");
    }

    @Test
    void readsAClassesDirectoryAndADirectoryTogether(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path classes = tmp.resolve("classes");
        IN_CLASSES.forEach((name, sql) -> write(classes.resolve("db/migration").resolve(name), sql));
        Path other = tmp.resolve("other");
        IN_LIB.forEach((name, sql) -> write(other.resolve(name), sql));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Schemata.configure().dataSource(dataSource(db)).classLoader(loader)
                    .locations("classpath:db/migration", "filesystem:" + other).load().migrate();
        }
        Map<String, String> all = new LinkedHashMap<>(IN_CLASSES);
        all.putAll(IN_LIB);
        assertThat(history(db)).isEqualTo(fromDirectory(tmp.resolve("dir"), all));
    }

    @Test
    void aBadFileInAJarIsReportedWithTheJarAndNothingRuns(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        writeJar(jar, prefixed("db/migration/", files(
                "001_ok.sql", "CREATE TABLE ok (id int);\n",
                "002-bad.sql", "CREATE TABLE bad (id int);\n")));

        String where = "jar:" + jar.toUri().toURL() + "!/db/migration";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader).load();
            assertThatThrownBy(schemata::migrate).isInstanceOfSatisfying(SchemataException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                assertThat(e.getMessage()).contains(where + " has 1 problem")
                        .contains("002-bad.sql: not a migration name");
            });
        }
        assertThat(db.tables()).doesNotContain("ok");
    }

    @Test
    void aFailingStatementInANestedJarNamesTheFileAndLine(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path lib = tmp.resolve("migrations.jar");
        writeJar(lib, prefixed("db/migration/", files(
                "001_ok.sql", "CREATE TABLE ok (id int);\n",
                "002_broken.sql", "-- comment\nCREATE TABLE broken (id int);\nINSERT INTO nowhere VALUES (1);\n")));
        Path app = tmp.resolve("app.jar");
        writeJar(app, Map.of("BOOT-INF/lib/migrations.jar", Files.readAllBytes(lib)));
        ClassLoader loader = loaderAnswering("db/migration",
                url("jar:nested:" + app.toAbsolutePath() + "/!BOOT-INF/lib/migrations.jar!/db/migration"));

        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader).load();
        assertThatThrownBy(schemata::migrate).isInstanceOfSatisfying(SchemataException.class, e ->
                assertThat(e.getMessage()).contains("002_broken.sql:3: ERROR: relation \"nowhere\" does not exist"));
        assertThat(db.tables()).contains("ok").doesNotContain("broken");
    }

    @Test
    void aLocationMissingFromTheClassPathIsAnErrorNotAnEmptySet(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        writeJar(jar, prefixed("db/other/", files("001_ok.sql", "CREATE TABLE ok (id int);\n")));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader).load();
            assertThatThrownBy(schemata::migrate).isInstanceOfSatisfying(SchemataException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                assertThat(e.getMessage()).contains("classpath:db/migration is not on the class path");
            });
        }
    }

    @Test
    void theSameVersionInTwoPlacesNamesBoth(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one.jar");
        Path two = tmp.resolve("two.jar");
        writeJar(one, prefixed("db/migration/", files("001_a.sql", "CREATE TABLE a (id int);\n")));
        writeJar(two, prefixed("db/migration/", files("001_a.sql", "CREATE TABLE b (id int);\n")));

        String both = "jar:" + one.toUri().toURL() + "!/db/migration/001_a.sql, jar:" + two.toUri().toURL()
                + "!/db/migration/001_a.sql: duplicate version 001";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {one.toUri().toURL(), two.toUri().toURL()}, null)) {
            Schemata schemata = Schemata.configure().dataSource(dataSource(db)).classLoader(loader).load();
            assertThatThrownBy(schemata::migrate).isInstanceOfSatisfying(SchemataException.class, e ->
                    assertThat(e.getMessage()).contains(both));
        }
    }

    // --- helpers ---

    /** What migrate records for these files when they are read from a directory: script name and checksum. */
    private static Set<String> fromDirectory(Path dir, Map<String, String> files) {
        files.forEach((name, sql) -> write(dir.resolve(name), sql));
        return MigrationSet.scan(dir).all().stream().map(m -> m.relativePath() + " " + m.checksum())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> history(TestDatabase db) {
        return db.query("SELECT filename, checksum FROM schema_migrations WHERE success AND kind <> 'rollback'").stream()
                .map(r -> r.get("filename") + " " + r.get("checksum")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code app.jar} as Spring Boot's plugin lays it out, with the migrations jar stored uncompressed. */
    private static Path springBootJar(Path tmp) throws IOException {
        Path lib = tmp.resolve("migrations.jar");
        writeJar(lib, prefixed("db/migration/", IN_LIB));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        prefixed("BOOT-INF/classes/db/migration/", IN_CLASSES).forEach((k, v) -> entries.put(k, v));
        entries.put("BOOT-INF/lib/migrations.jar", Files.readAllBytes(lib));
        Path app = tmp.resolve("app with space.jar");
        writeJar(app, entries);
        return app;
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            Set<String> folders = new TreeSet<>();
            for (String name : entries.keySet()) {
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                    folders.add(name.substring(0, i + 1));
                }
            }
            // Folder entries first, as jar tools write them; class loaders find folders by them.
            for (String folder : folders) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                if (e.getKey().endsWith(".jar")) {
                    // Boot requires nested jars stored, not deflated.
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> prefixed(String prefix, Map<String, String> files) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        files.forEach((name, sql) -> out.put(prefix + name, sql.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, String> files(String... namesAndContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContent.length; i += 2) {
            files.put(namesAndContent[i], namesAndContent[i + 1]);
        }
        return files;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A URL as Boot's launcher gives it; Boot registers a handler for {@code nested:}, this test only needs the
     * URL's text, so a handler that cannot open anything stands in.
     */
    private static URL url(String spec) throws IOException {
        URL url = new URL(null, spec, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) throws IOException {
                throw new IOException("not opened in this test: " + u);
            }
        });
        assertThat(url.toString()).isEqualTo(spec);
        return url;
    }

    /** A class loader that finds {@code folder} at the given URLs, as Boot's launcher class loader does. */
    private static ClassLoader loaderAnswering(String folder, URL... urls) {
        return new ClassLoader(null) {
            @Override
            protected Enumeration<URL> findResources(String name) {
                return name.replaceAll("/$", "").equals(folder) ? Collections.enumeration(List.of(urls))
                        : Collections.emptyEnumeration();
            }
        };
    }

    private static DataSource dataSource(TestDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.settings().jdbcUrl());
        ds.setUser(db.settings().user());
        ds.setPassword(db.settings().password());
        return ds;
    }
}
