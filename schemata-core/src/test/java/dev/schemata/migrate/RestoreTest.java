package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.MigrationSet;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * rollback --restore in the library: which backup is chosen, what it undoes, and what the history records.
 * The restore itself is played by a restorer that puts the schema back by hand (the CLI's pg_restore is
 * tested with the CLI).
 */
@ExtendWith(PostgresExtension.class)
class RestoreTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private MigrationDir migrations() {
        return new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int, legacy text);")
                .file("002_b.sql", "CREATE TABLE b (id int);")
                .file("003_drop_legacy.sql", "ALTER TABLE a DROP COLUMN legacy;");
    }

    private void migrate(TestDatabase db, Path dir, String target) {
        new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add).migrate(MigrationSet.scan(dir),
                new MigrateOptions(target == null ? null : dev.schemata.migration.Version.parse(target), false, false,
                        Duration.ofSeconds(5), Map.of()));
    }

    private Rollback rollback(TestDatabase db) {
        return new Rollback(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add);
    }

    private Path backupFile(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "a backup");
    }

    @Test
    void withoutARecordedBackupTheRestoreIsRefused(TestDatabase db) {
        MigrationDir dir = migrations();
        migrate(db, dir.path(), null);
        assertThatThrownBy(() -> rollback(db).planRestore(MigrationSet.scan(dir.path()), RollbackOptions.steps(1), tmp))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED))
                .hasMessageStartingWith("no backup is recorded for the run that applied 003 (003_drop_legacy.sql);"
                        + " restore refused, nothing was changed");
    }

    @Test
    void aRecordedBackupWhoseFileIsGoneIsRefused(TestDatabase db) {
        MigrationDir dir = migrations();
        migrate(db, dir.path(), null);
        db.execute("UPDATE schema_migrations SET backup = 'backups/gone.dump' WHERE version = '003'");
        assertThatThrownBy(() -> rollback(db).planRestore(MigrationSet.scan(dir.path()), RollbackOptions.steps(1), tmp))
                .hasMessage("the backup recorded for 003 is missing: " + tmp.resolve("backups/gone.dump")
                        + "; restore refused, nothing was changed");
    }

    @Test
    void theBackupOfTheRunUndoesEveryMigrationOfThatRun(TestDatabase db) throws IOException {
        MigrationDir dir = migrations();
        migrate(db, dir.path(), "1");
        db.execute("INSERT INTO a VALUES (1, 'kept in the backup')");
        Path backup = backupFile("before-run.dump");
        migrate(db, dir.path(), null);
        // The run that applied 002 and 003 was preceded by one backup, recorded on both rows.
        db.execute("UPDATE schema_migrations SET backup = '" + backup + "' WHERE version IN ('002', '003')");
        MigrationSet set = MigrationSet.scan(dir.path());

        RestorePlan plan = rollback(db).planRestore(set, RollbackOptions.steps(1), tmp);
        assertThat(plan.backup()).isEqualTo(backup);
        assertThat(plan.takenBefore()).isEqualTo("002");
        assertThat(plan.undone()).containsExactly("003", "002");
        assertThat(plan.appliedAt()).isNotNull();

        List<Path> restored = new ArrayList<>();
        BackupRestorer restorer = (Path file, ConnectionSettings target) -> {
            restored.add(file);
            // What a restore of the backup does here: the schema and history as they were before the run.
            TestDatabase same = new TestDatabase(db.cluster(), target);
            same.execute("DROP TABLE b; ALTER TABLE a ADD COLUMN legacy text; UPDATE a SET legacy = 'kept in the backup';"
                    + " DELETE FROM schema_migrations WHERE version IN ('002', '003')");
        };
        RollbackResult result = rollback(db).restore(plan, restorer, db.settings(), Duration.ofSeconds(5));
        assertThat(restored).containsExactly(backup);
        assertThat(result.initialVersion()).isEqualTo("003");
        assertThat(result.currentVersion()).isEqualTo("001");
        assertThat(result.rolledBack()).extracting(RolledBackMigration::version).containsExactly("003", "002");
        assertThat(db.query("SELECT version, kind, backup, filename FROM schema_migrations WHERE kind = 'rollback' ORDER BY id"))
                .containsExactly(Map.of("version", "003", "kind", "rollback", "backup", backup.toString(), "filename", "before-run.dump"),
                        Map.of("version", "002", "kind", "rollback", "backup", backup.toString(), "filename", "before-run.dump"));
        assertThat(new Inspector(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT).status(set).migrations())
                .extracting(s -> s.version() + ":" + s.state().label())
                .containsExactly("001:applied", "002:pending", "003:pending");
        assertThat(db.value("SELECT legacy FROM a")).isEqualTo("kept in the backup");
    }

    @Test
    void aBackupWithoutTheHistoryTableStillLeavesTheUndoneMigrationsPending(TestDatabase db) throws IOException {
        MigrationDir dir = migrations();
        migrate(db, dir.path(), "2");
        Path backup = backupFile("schema-only.dump");
        migrate(db, dir.path(), null);
        db.execute("UPDATE schema_migrations SET backup = 'schema-only.dump' WHERE version = '003'");

        RestorePlan plan = rollback(db).planRestore(MigrationSet.scan(dir.path()), RollbackOptions.steps(1), tmp);
        assertThat(plan.undone()).containsExactly("003");
        rollback(db).restore(plan, (file, target) -> new TestDatabase(db.cluster(), target)
                .execute("ALTER TABLE a ADD COLUMN legacy text"), db.settings(), Duration.ofSeconds(5));
        assertThat(plan.backup()).isEqualTo(backup);
        assertThat(db.value("SELECT string_agg(version || ':' || kind, ',' ORDER BY id) FROM schema_migrations"))
                .isEqualTo("001:versioned,002:versioned,003:rollback");
    }

    @Test
    void aFailedRestoreRecordsNothing(TestDatabase db) throws IOException {
        MigrationDir dir = migrations();
        migrate(db, dir.path(), null);
        backupFile("broken.dump");
        db.execute("UPDATE schema_migrations SET backup = 'broken.dump' WHERE version = '003'");
        RestorePlan plan = rollback(db).planRestore(MigrationSet.scan(dir.path()), RollbackOptions.steps(1), tmp);
        assertThatThrownBy(() -> rollback(db).restore(plan, (file, target) -> {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "pg_restore failed");
        }, db.settings(), Duration.ofSeconds(5))).hasMessage("pg_restore failed");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE kind = 'rollback'")).isEqualTo(0L);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE kind = 'versioned'")).isEqualTo(3L);
    }
}
