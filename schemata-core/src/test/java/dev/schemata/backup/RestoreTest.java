package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
import dev.schemata.testing.PgDumpAvailable;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A backup, its verification and a restore give an equal schema and equal rows. */
@ExtendWith(PostgresExtension.class)
class RestoreTest {
    @TempDir
    Path dir;

    private Backups backups;
    private Restorer restorer;

    @BeforeEach
    void setUp(TestCluster cluster) {
        PgDumpAvailable.assume(cluster);
        ClientLocator locator = new ClientLocator(Environment.current(), null);
        backups = new Backups(locator, s -> { });
        restorer = new Restorer(locator, s -> { });
    }

    private static SchemaModel model(TestDatabase db, String database) {
        try (Connection c = dev.schemata.connect.Database.connect(db.settings().withDatabase(database))) {
            return CatalogReader.read(c, SchemaFilter.all());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> rows(TestDatabase db, String database) {
        return new TestDatabase(db.cluster(), db.settings().withDatabase(database))
                .query("SELECT c.name, o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id");
    }

    @Test
    void backupVerifyAndRestoreIntoANewDatabaseGiveAnEqualSchemaAndEqualRows(TestDatabase db) {
        BackupTest.fill(db);
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        backups.verify(db.settings(), taken);
        String copy = db.name() + "_copy";
        Restorer.Result r = restorer.restore(taken.file(), db.settings().withDatabase(copy), new Restorer.Options(true, false, false), HistoryTable.DEFAULT);
        assertThat(r.replaced()).isFalse();
        assertThat(r.schemaVersion()).isEqualTo("002");
        assertThat(model(db, copy)).isEqualTo(model(db, db.name()));
        assertThat(rows(db, copy)).hasSize(300).isEqualTo(rows(db, db.name()));
        assertThat(r.rowCounts()).isEqualTo(taken.manifest().rowCounts());

        assertThatThrownBy(() -> restorer.restore(taken.file(), db.settings().withDatabase(copy), new Restorer.Options(true, false, false), HistoryTable.DEFAULT))
                .hasMessageContaining("database \"" + copy + "\" already exists");
    }

    @Test
    void restoringOverADatabaseBringsBackItsSchemaRowsAndHistory(TestDatabase db) {
        BackupTest.fill(db);
        SchemaModel before = model(db, db.name());
        List<Map<String, Object>> rowsBefore = rows(db, db.name());
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.PLAIN, BackupContent.FULL, HistoryTable.DEFAULT));
        db.execute("""
                CREATE TABLE added_later (id int);
                DELETE FROM orders WHERE id > 10;
                INSERT INTO schema_migrations (version, filename) VALUES ('003', '003_c.sql');
                """);
        Restorer.Result r = restorer.restore(taken.file(), db.settings(), new Restorer.Options(false, false, false), HistoryTable.DEFAULT);
        assertThat(r.replaced()).isTrue();
        assertThat(r.schemaVersion()).isEqualTo("002");
        assertThat(model(db, db.name())).isEqualTo(before);
        assertThat(rows(db, db.name())).isEqualTo(rowsBefore);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("002");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE '%restoring%'")).isEqualTo(0L);
    }

    @Test
    void aChangedBackupFileIsRefusedAndTheDatabaseLeftAsItWas(TestDatabase db) throws IOException {
        BackupTest.fill(db);
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        db.execute("CREATE TABLE marker (id int)");
        Files.write(taken.file(), new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> restorer.restore(taken.file(), db.settings(), new Restorer.Options(false, false, false), HistoryTable.DEFAULT))
                .hasMessageContaining("does not match its manifest").hasMessageContaining("nothing was restored");
        assertThat(db.tables()).contains("marker");
    }

    @Test
    void aFileWithoutOurManifestIsNotRestored(TestDatabase db) throws IOException {
        Path foreign = Files.writeString(dir.resolve("someone_else.dump"), "PGDMP");
        assertThatThrownBy(() -> restorer.restore(foreign, db.settings(), new Restorer.Options(false, false, false), HistoryTable.DEFAULT))
                .hasMessageContaining("has no readable manifest");
    }

    private static final String PASSWORD = "restore-secret-1";

    /** A login role with a password (roles are the server's, so the name carries the database's). */
    private static ConnectionSettings role(TestDatabase db, String prefix, String options) {
        String name = prefix + "_" + db.name();
        db.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + PASSWORD + "' " + options);
        return new ConnectionSettings(db.settings().hosts(), db.name(), name, PASSWORD, Map.of(), "test role " + name);
    }

    private static long restoringDatabases(TestDatabase db) {
        return (Long) db.value("SELECT count(*) FROM pg_database WHERE starts_with(datname, '" + db.name() + "_')"
                + " AND datname LIKE '%restoring%'");
    }

    @Test
    void restoringOverADatabaseWithASuperuserSessionIsRefusedBeforeLoadingAndLeavesNothingBehind(TestDatabase db) throws SQLException {
        ConnectionSettings app = role(db, "app", "CREATEDB");
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + app.user());
        TestDatabase asApp = new TestDatabase(db.cluster(), app);
        asApp.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 20)");
        TakenBackup taken = backups.take(app, new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        asApp.execute("INSERT INTO t VALUES (21)");
        try (Connection superuserSession = db.connect()) {
            assertThatThrownBy(() -> restorer.restore(taken.file(), app, new Restorer.Options(false, false, false), HistoryTable.DEFAULT))
                    .isInstanceOf(SchemataException.class)
                    .hasMessageContaining("cannot restore " + taken.file().getFileName() + " into \"" + db.name() + "\" as user \"" + app.user())
                    .hasMessageContaining("of \"postgres\"")
                    .hasMessageContaining("only a superuser may end a superuser's session")
                    .hasMessageContaining("Nothing was loaded or changed.");
            assertThat(superuserSession.isValid(1)).isTrue();
        }
        assertThat(restoringDatabases(db)).isZero();
        assertThat(asApp.value("SELECT count(*) FROM t")).isEqualTo(21L);

        // Without the other session it works, as the same user.
        Restorer.Result r = restorer.restore(taken.file(), app, new Restorer.Options(false, false, false), HistoryTable.DEFAULT);
        assertThat(r.replaced()).isTrue();
        assertThat(asApp.value("SELECT count(*) FROM t")).isEqualTo(20L);
        assertThat(restoringDatabases(db)).isZero();
    }

    @Test
    void aDatabaseLeftByAnInterruptedRestoreIsNamedAndNotTouched(TestDatabase db) {
        BackupTest.fill(db);
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        String leftover = db.name() + "_restoring_deadbeef";
        db.execute("CREATE DATABASE " + leftover);
        List<String> notices = new ArrayList<>();
        new Restorer(new ClientLocator(Environment.current(), null), notices::add)
                .restore(taken.file(), db.settings(), new Restorer.Options(false, false, false), HistoryTable.DEFAULT);
        assertThat(notices).anyMatch(n -> n.startsWith("found " + leftover + ", left by an interrupted restore of \"" + db.name()));
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname = '" + leftover + "'")).isEqualTo(1L);
        db.execute("DROP DATABASE " + leftover);
    }

    @Test
    void aUserWithoutCreatedbIsToldSoBeforeAnythingIsLoaded(TestDatabase db) {
        BackupTest.fill(db);
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        ConnectionSettings plain = role(db, "nocreate", "");
        assertThatThrownBy(() -> restorer.restore(taken.file(), plain.withDatabase(db.name() + "_new"),
                new Restorer.Options(true, false, false), HistoryTable.DEFAULT))
                .hasMessageContaining("may not create databases (it needs CREATEDB)");
        assertThat(restoringDatabases(db)).isZero();
    }

    @Test
    void aDatabaseNameLongerThan63BytesIsRefusedUpFront(TestDatabase db) {
        BackupTest.fill(db);
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        String name = "é".repeat(32);
        assertThatThrownBy(() -> restorer.restore(taken.file(), db.settings().withDatabase(name),
                new Restorer.Options(true, false, false), HistoryTable.DEFAULT))
                .isInstanceOf(SchemataException.class)
                .satisfies(e -> assertThat(((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessageContaining("is 64 bytes long; PostgreSQL names are at most 63 bytes");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'é%' OR datname LIKE '%restoring%'")).isEqualTo(0L);
        assertThat(Maintenance.stagingName("é".repeat(40), "restoring").getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    }

    @Test
    void aBackupWhoseOwnersTheUserCannotTakeIsRestoredWithoutThemSayingSo(TestDatabase db) {
        BackupTest.fill(db);
        ConnectionSettings reader = role(db, "reader", "");
        db.execute("GRANT SELECT ON orders TO " + reader.user());
        TakenBackup taken = backups.take(db.settings(), new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, HistoryTable.DEFAULT));
        ConnectionSettings app = role(db, "deployer", "CREATEDB");
        List<String> notices = new ArrayList<>();
        Restorer asApp = new Restorer(new ClientLocator(Environment.current(), null), notices::add);
        String copy = db.name() + "_other";
        Restorer.Result r = asApp.restore(taken.file(), app.withDatabase(copy), new Restorer.Options(true, false, false), HistoryTable.DEFAULT);
        assertThat(r.noOwner()).isTrue();
        assertThat(r.noPrivileges()).isFalse();
        assertThat(notices).anyMatch(n -> n.contains("the backup's objects belong to postgres, which this user cannot become here:"
                + " restoring with --no-owner"));
        TestDatabase restored = new TestDatabase(db.cluster(), db.settings().withDatabase(copy));
        assertThat(restored.value("SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(app.user());
        assertThat(rows(db, copy)).isEqualTo(rows(db, db.name()));
        assertThat(restored.value("SELECT has_table_privilege('" + reader.user() + "', 'orders', 'SELECT')")).isEqualTo(true);

        // Asked for, --no-privileges leaves the grants out.
        Restorer.Result bare = asApp.restore(taken.file(), app.withDatabase(copy + "2"), new Restorer.Options(true, true, true), HistoryTable.DEFAULT);
        assertThat(bare.noPrivileges()).isTrue();
        assertThat(new TestDatabase(db.cluster(), db.settings().withDatabase(copy + "2"))
                .value("SELECT has_table_privilege('" + reader.user() + "', 'orders', 'SELECT')")).isEqualTo(false);
    }

    @Test
    void plainSqlFromPgDumpWithoutAManifestIsRestoredCompressedOrNot(TestDatabase db, TestCluster cluster) throws Exception {
        BackupTest.fill(db);
        Path sql = pgDumpPlain(db, cluster, dir.resolve("nightly.sql"));
        Path gz = dir.resolve("nightly.sql.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(sql, out);
        }
        for (Path file : List.of(sql, gz)) {
            String copy = db.name() + "_" + (file == sql ? "sql" : "gz");
            Restorer.Result r = restorer.restore(file, db.settings().withDatabase(copy), new Restorer.Options(true, false, false),
                    HistoryTable.DEFAULT);
            assertThat(r.checked()).isFalse();
            assertThat(r.schemaVersion()).isEqualTo("002");
            assertThat(model(db, copy)).isEqualTo(model(db, db.name()));
            assertThat(rows(db, copy)).hasSize(300).isEqualTo(rows(db, db.name()));
        }

        // Plain SQL runs as written: leaving out owners is refused before anything is created.
        assertThatThrownBy(() -> restorer.restore(gz, db.settings().withDatabase(db.name() + "_bare"),
                new Restorer.Options(true, true, false), HistoryTable.DEFAULT))
                .hasMessageContaining("nightly.sql.gz is plain SQL, which psql runs as written").hasMessageContaining("custom-format");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE '%_bare%' OR datname LIKE '%restoring%'")).isEqualTo(0L);

        // A failing statement stops the load: the target stays as it was and nothing is left behind.
        db.execute("CREATE TABLE marker (id int)");
        Path broken = Files.writeString(dir.resolve("broken.sql"), Files.readString(sql) + "\nSELECT no_such_function();\n");
        assertThatThrownBy(() -> restorer.restore(broken, db.settings(), new Restorer.Options(false, false, false), HistoryTable.DEFAULT))
                .hasMessageContaining("no_such_function").hasMessageContaining("nothing of it was kept");
        assertThat(db.tables()).contains("marker");
        assertThat(restoringDatabases(db)).isZero();
    }

    private static Path pgDumpPlain(TestDatabase db, TestCluster cluster, Path file) throws Exception {
        ClientProgram pgDump = new ClientLocator(Environment.current(), null).locate("pg_dump", cluster.binaries().major(), "the test");
        ProcessBuilder pb = new ProcessBuilder(pgDump.path().toString(), "--format=plain", "--file=" + file, db.name());
        pb.environment().putAll(ClientRunner.libpqEnvironment(db.settings()));
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return file;
    }
}
