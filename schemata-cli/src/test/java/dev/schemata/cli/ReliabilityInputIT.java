package dev.schemata.cli;

import dev.schemata.catalog.SchemaModel;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input, bad connections and a hand-edited history: each gives its documented exit
 * code and a message naming the cause, and leaves the database exactly as it was (schema, data, history).
 * Every captured output, text and JSON, is checked for the password.
 */
@ExtendWith(PostgresExtension.class)
class ReliabilityInputIT {
    private static final String FIRST = "CREATE TABLE y (id int PRIMARY KEY, v text);\nINSERT INTO y VALUES (1, 'kept');\n";

    @TempDir
    Path project;

    private Path dir;
    private String url;
    private TestDatabase db;
    private int tried;

    /** A database at version 001, with the password-protected owner the commands log in as. */
    private void setUp(TestDatabase database) throws Exception {
        db = database;
        url = Reliability.ownerUrl(db);
        dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("001_first.sql"), FIRST);
        CliRunner.Result r = cli("migrate");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private CliRunner.Result cli(String... args) {
        String[] full = Stream.concat(Stream.of(args), Stream.of("--url", url)).toArray(String[]::new);
        CliRunner.Result r = new CliRunner(project).run(full);
        Reliability.assertNoSecret(r.out(), r.err());
        CliRunner.Result json = new CliRunner(project).run(Stream.concat(Stream.of(full), Stream.of("--json")).toArray(String[]::new));
        Reliability.assertNoSecret(json.out(), json.err());
        assertThat(json.exitCode()).as("--json gives the same exit code: %s", json.out()).isEqualTo(r.exitCode());
        if (r.exitCode() != 0) {
            // A failure is an error document; validate's findings are its own report.
            assertThat(json.out()).containsPattern("\"exitCode\":\\s*" + r.exitCode() + "|\"valid\":\\s*false");
        }
        return r;
    }

    /** What "left as it was" compares: the schema model, every table's rows, the history rows. */
    private record State(SchemaModel model, Map<String, String> data, List<Map<String, Object>> history) {
    }

    private State state() {
        return new State(Reliability.model(db), Reliability.data(db), db.query("SELECT * FROM schema_migrations ORDER BY id"));
    }

    /** Adds the files, runs migrate, expects the exit code and message, and an unchanged database. */
    private void refused(int exit, String message, Map<String, byte[]> files) throws Exception {
        for (var f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        State before = state();
        CliRunner.Result r = cli("migrate");
        tried++;
        assertThat(r.exitCode()).as(r.err()).isEqualTo(exit);
        assertThat(r.err()).contains(message);
        assertThat(state()).as("database unchanged after: %s", r.err()).isEqualTo(before);
        for (String name : files.keySet()) {
            Files.delete(dir.resolve(name));
        }
    }

    private static Map<String, byte[]> file(String name, String content) {
        return Map.of(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void brokenFilesAreRefusedBeforeTheDatabaseIsTouched(TestDatabase database) throws Exception {
        setUp(database);
        refused(2, "5-foo.sql", file("5-foo.sql", "SELECT 1;"));
        refused(2, "V2_foo.sql", file("V2_foo.sql", "SELECT 1;"));
        refused(2, "002_a.sql", Map.of("002_a.sql", "CREATE TABLE a1 (id int);".getBytes(), "002_b.sql", "CREATE TABLE a2 (id int);".getBytes()));
        refused(2, "002_empty.sql", file("002_empty.sql", ""));
        refused(2, "002_blank.sql", file("002_blank.sql", "\n  \r\n\t\n"));
        refused(2, "002_latin1.sql: invalid UTF-8 at byte 35", Map.of("002_latin1.sql", "CREATE TABLE z (v text DEFAULT 'caf\u00e9');".getBytes(StandardCharsets.ISO_8859_1)));
        refused(2, "002_string.sql:2", file("002_string.sql", "CREATE TABLE a (id int);\nINSERT INTO y VALUES (2, 'never closed);\n"));
        refused(2, "002_dollar.sql:1", file("002_dollar.sql", "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $bod$ LANGUAGE sql;\n"));
        refused(2, "002_comment.sql:2", file("002_comment.sql", "CREATE TABLE a (id int);\n/* not /* closed */\nSELECT 1;\n"));
        refused(2, "002_quoted.sql", file("002_quoted.sql", "CREATE TABLE \"never closed (id int);\n"));
        refused(2, "002_meta.sql:2", file("002_meta.sql", "CREATE TABLE a (id int);\n\\i other.sql\n"));
        refused(2, "002_meta2.sql:1", file("002_meta2.sql", "\\set ON_ERROR_STOP on\nCREATE TABLE a (id int);\n"));
        refused(2, "ROLLBACK", file("002_rollback.sql", "BEGIN;\nCREATE TABLE a (id int);\nROLLBACK;\n"));
        // A later bad file stops the run before the earlier good one is applied.
        refused(2, "003_bad.sql", Map.of("002_good.sql", "CREATE TABLE a (id int);".getBytes(), "003_bad.sql", "SELECT 'x;".getBytes()));
        // A failing statement rolls its whole migration back, history row included.
        refused(1, "002_fails.sql:3", file("002_fails.sql", "CREATE TABLE a (id int);\nINSERT INTO y VALUES (2, 'b');\nINSERT INTO y VALUES (1, 'dup');\n"));
        System.out.printf("[reliability] input: %d broken inputs refused, database unchanged%n", tried);
    }

    @Test
    void undefinedPlaceholdersAreRefused(TestDatabase database) throws Exception {
        setUp(database);
        Files.writeString(dir.resolve("002_p.sql"), "CREATE TABLE ${prefix}_a (id int);\nCREATE TABLE ${other}_b (id int);\n");
        State before = state();
        CliRunner.Result r = cli("migrate", "--placeholder", "prefix=app");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("002_p.sql:2").contains("${other}");
        assertThat(state()).isEqualTo(before);
        // Near miss: all defined, applied with the values.
        assertThat(cli("migrate", "--placeholder", "prefix=app", "--placeholder", "other=x").exitCode()).isZero();
        assertThat(db.tables()).contains("app_a", "x_b");
    }

    @Test
    void aBomCrlfAndSqlInTheFileNameAreAppliedAsWrittenAndKeptAsPlainData(TestDatabase database) throws Exception {
        setUp(database);
        Files.write(dir.resolve("002_bom.sql"), concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "CREATE TABLE bom (id int);\r\nINSERT INTO bom VALUES (1);\r\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("003_crlf.sql"), "CREATE TABLE crlf (v text);\r\nINSERT INTO crlf VALUES ('a\r\nb');\r\n");
        String evil = "004_x'); DROP TABLE y; --.sql";
        Files.writeString(dir.resolve(evil), "CREATE TABLE evil (id int);\n");
        Files.writeString(dir.resolve("005_desc \"q\" $$ \\ ;.sql"), "CREATE TABLE quoted (id int);\n");
        CliRunner.Result r = cli("migrate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(db.tables()).contains("y", "bom", "crlf", "evil", "quoted");
        assertThat(db.value("SELECT count(*) FROM y")).isEqualTo(1L);
        assertThat(db.value("SELECT v FROM crlf")).isEqualTo("a\r\nb"); // data inside a string is kept byte for byte
        assertThat(db.value("SELECT filename FROM schema_migrations WHERE version = '004'")).isEqualTo(evil);
        assertThat(db.value("SELECT description FROM schema_migrations WHERE version = '004'")).isEqualTo("x'); DROP TABLE y; --");
        assertThat(db.value("SELECT filename FROM schema_migrations WHERE version = '005'")).isEqualTo("005_desc \"q\" $$ \\ ;.sql");
        // The dry run shows the name as a literal, not as SQL.
        Files.writeString(dir.resolve("006_z'); DROP TABLE y; --.sql"), "SELECT 1;\n");
        CliRunner.Result dry = cli("migrate", "--dry-run");
        assertThat(dry.out()).contains("'006_z''); DROP TABLE y; --.sql'");
        // A BOM and CRLF do not change the checksum: the same files with LF and no BOM validate.
        Files.writeString(dir.resolve("002_bom.sql"), "CREATE TABLE bom (id int);\nINSERT INTO bom VALUES (1);\n");
        Files.delete(dir.resolve("006_z'); DROP TABLE y; --.sql"));
        assertThat(cli("validate").exitCode()).isZero();
    }

    @Test
    void connectionProblemsExitThreeWithAClearMessage(TestDatabase database) throws Exception {
        setUp(database);
        var host = db.settings().hosts().get(0);
        String goodUrl = url;
        record Case(String url, String message) {
        }
        List<Case> cases = List.of(
                new Case(Reliability.url(db, "owner_" + db.name(), "wrong-" + Reliability.PASSWORD.substring(3)), "authentication failed"),
                new Case("postgresql://nobody_here:" + Reliability.PASSWORD + "@" + host.host() + ":" + host.port() + "/" + db.name(), "nobody_here"),
                new Case("postgresql://u:" + Reliability.PASSWORD + "@127.0.0.1:1/" + db.name(), "127.0.0.1:1"),
                new Case("postgresql://u:" + Reliability.PASSWORD + "@no-such-host.invalid:5432/x?connect_timeout=5", "no-such-host.invalid"),
                new Case(Reliability.url(db, "owner_" + db.name(), Reliability.PASSWORD).replace("/" + db.name(), "/no_such_db"), "does not exist"));
        State before = state();
        for (Case c : cases) {
            url = c.url();
            CliRunner.Result r = cli("migrate");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
            assertThat(r.err()).contains(c.message()).doesNotContain("wrong-" + Reliability.PASSWORD.substring(3));
            CliRunner.Result status = cli("status");
            assertThat(status.exitCode()).as(status.err()).isEqualTo(3);
        }
        url = goodUrl;
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aReadOnlyUserIsRefusedWithPermissionDeniedAndChangesNothing(TestDatabase database) throws Exception {
        setUp(database);
        String role = "reader_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + Reliability.PASSWORD + "'");
        db.execute("GRANT CONNECT ON DATABASE " + db.name() + " TO " + role);
        db.execute("GRANT USAGE ON SCHEMA public TO " + role);
        db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        Files.writeString(dir.resolve("002_more.sql"), "CREATE TABLE more (id int);\nINSERT INTO y VALUES (2, 'x');\n");
        State before = state();
        url = Reliability.url(db, role, Reliability.PASSWORD);
        CliRunner.Result r = cli("migrate");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("permission denied");
        assertThat(r.err()).containsAnyOf("002_more.sql:1", "schema_migrations");
        assertThat(state()).isEqualTo(before);
        // Reading is allowed: status works for the read-only user.
        assertThat(cli("status").exitCode()).isZero();
    }

    @Test
    void aHandEditedHistoryIsReportedAndNothingIsRunTwice(TestDatabase database) throws Exception {
        setUp(database);
        Files.writeString(dir.resolve("002_a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("003_b.sql"), "CREATE TABLE b (id int);\n");
        assertThat(cli("migrate").exitCode()).isZero();
        Files.writeString(dir.resolve("004_c.sql"), "CREATE TABLE c (id int);\n");

        // A row missing in the middle: its file looks pending below the applied version; not run again.
        db.execute("DELETE FROM schema_migrations WHERE version = '002'");
        refused(1, "002_a.sql", Map.of());
        db.execute("INSERT INTO schema_migrations (version, filename, description, checksum) SELECT '002', '002_a.sql', 'a',"
                + " (SELECT checksum FROM schema_migrations WHERE version = '003')");
        // The checksum of 002 is now wrong, as after an edit of the row by hand.
        refused(1, "changed since applied", Map.of());
        assertThat(cli("validate").exitCode()).isEqualTo(1);
        assertThat(cli("repair", "--accept-checksum", "002").exitCode()).isZero();

        // The last row missing: 003 runs again, fails on its existing table, and is rolled back.
        db.execute("DELETE FROM schema_migrations WHERE version = '003'");
        refused(1, "003_b.sql:1", Map.of());
        db.execute("INSERT INTO schema_migrations (version, filename, description, checksum) VALUES ('003', '003_b.sql', 'b', '"
                + db.value("SELECT checksum FROM schema_migrations WHERE version = '002'") + "')");
        assertThat(cli("repair", "--accept-checksum", "003").exitCode()).isZero();

        // A future version recorded (a newer deployment's row): the pending 004 is below it, not applied.
        db.execute("INSERT INTO schema_migrations (version, filename, description, checksum) VALUES ('999', '999_future.sql', 'f', 'x')");
        refused(1, "004_c.sql", Map.of());
        CliRunner.Result validate = cli("validate");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out() + validate.err()).contains("999");
        assertThat(db.tables()).doesNotContain("c");
    }

    /**
     * A 100 MB migration of INSERTs (10 MB in CI) runs in a JVM with a 64 MB heap: the file is streamed,
     * never held in memory.
     */
    @Test
    void aHugeMigrationIsStreamedWithBoundedMemory(TestDatabase database) throws Exception {
        setUp(database);
        int megabytes = Integer.getInteger("schemata.reliability.hugeMb", Reliability.trials() > 10 ? 100 : 10);
        Path huge = dir.resolve("002_huge.sql");
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            w.write("CREATE TABLE huge (id bigint PRIMARY KEY, v text NOT NULL);\n");
            String pad = "x".repeat(60);
            while (Files.size(huge) < (long) megabytes * 1024 * 1024) {
                StringBuilder sb = new StringBuilder("INSERT INTO huge VALUES ");
                for (int i = 0; i < 200; i++) {
                    rows++;
                    sb.append(i == 0 ? "" : ", ").append('(').append(rows).append(", '").append(pad).append(" it''s; -- ")
                            .append(rows).append("')");
                }
                w.write(sb.append(";\n").toString());
                w.flush();
            }
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-jar", Processes.jar().toString(), "migrate", "--url", url);
        long t0 = System.nanoTime();
        Processes.Result r = Processes.run(Processes.builder(command, project, Map.of()), 900);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        Reliability.assertNoSecret(r.out(), r.err());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("OutOfMemory");
        assertThat(db.value("SELECT count(*) FROM huge")).isEqualTo(rows);
        System.out.printf("[reliability] input: a %d MB migration (%d rows) applied with -Xmx64m in %d s%n", megabytes, rows, seconds);
    }

    @Test
    void theDevDatabaseFilesAreOwnerOnly() throws Exception {
        Path devDir = project.resolve(".schemata/dev");
        // The server runs as another user when the tests run as root: it must reach the folder.
        Files.setPosixFilePermissions(project, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner runner = new CliRunner(project);
        CliRunner.Result start = runner.run("dev", "start");
        try {
            assertThat(start.exitCode()).as(start.err()).isZero();
            List<String> readable = new java.util.ArrayList<>();
            try (Stream<Path> files = Files.walk(devDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                    if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                        readable.add(devDir.relativize(f) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                    }
                }
            }
            assertThat(readable).as("files of the dev database that others can read").isEmpty();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(devDir.resolve("data"))))
                    .isEqualTo("rwx------");
        } finally {
            runner.run("dev", "destroy");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
