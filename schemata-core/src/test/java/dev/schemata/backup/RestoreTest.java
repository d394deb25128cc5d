package dev.schemata.backup;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
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
        Restorer.Result r = restorer.restore(taken.file(), db.settings().withDatabase(copy), true, HistoryTable.DEFAULT);
        assertThat(r.replaced()).isFalse();
        assertThat(r.schemaVersion()).isEqualTo("002");
        assertThat(model(db, copy)).isEqualTo(model(db, db.name()));
        assertThat(rows(db, copy)).hasSize(300).isEqualTo(rows(db, db.name()));
        assertThat(r.rowCounts()).isEqualTo(taken.manifest().rowCounts());

        assertThatThrownBy(() -> restorer.restore(taken.file(), db.settings().withDatabase(copy), true, HistoryTable.DEFAULT))
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
        Restorer.Result r = restorer.restore(taken.file(), db.settings(), false, HistoryTable.DEFAULT);
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
        assertThatThrownBy(() -> restorer.restore(taken.file(), db.settings(), false, HistoryTable.DEFAULT))
                .hasMessageContaining("does not match its manifest").hasMessageContaining("nothing was restored");
        assertThat(db.tables()).contains("marker");
    }

    @Test
    void aFileWithoutOurManifestIsNotRestored(TestDatabase db) throws IOException {
        Path foreign = Files.writeString(dir.resolve("someone_else.dump"), "PGDMP");
        assertThatThrownBy(() -> restorer.restore(foreign, db.settings(), false, HistoryTable.DEFAULT))
                .hasMessageContaining("has no readable manifest");
    }
}
