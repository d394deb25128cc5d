package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** rollback against a real PostgreSQL: what is undone, what is refused, and what the history keeps. */
@ExtendWith(PostgresExtension.class)
class RollbackTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    /** Three migrations with downs: two tables, then a column. */
    private MigrationDir threeWithDowns() {
        return new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("001_a.down.sql", "DROP TABLE a;")
                .file("002_b.sql", "CREATE TABLE b (id int);")
                .file("002_b.down.sql", "DROP TABLE b;")
                .file("003_c.sql", "ALTER TABLE a ADD COLUMN c text;")
                .file("003_c.down.sql", "ALTER TABLE a DROP COLUMN c;");
    }

    private void migrate(TestDatabase db, Path dir) {
        new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add)
                .migrate(MigrationSet.scan(dir), MigrateOptions.defaults());
    }

    private Rollback rollback(TestDatabase db) {
        return new Rollback(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add);
    }

    private RollbackResult rollback(TestDatabase db, Path dir, RollbackOptions options) {
        return rollback(db).rollback(MigrationSet.scan(dir), options.withLockTimeout(Duration.ofSeconds(5)));
    }

    private static StatusReport status(TestDatabase db, Path dir) {
        return new Inspector(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT).status(MigrationSet.scan(dir));
    }

    private static List<HistoryRow> history(TestDatabase db) {
        return new Inspector(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT).history();
    }

    private static List<String> columns(TestDatabase db, String table) {
        return db.query("SELECT attname FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum").stream().map(r -> (String) r.get("attname")).toList();
    }

    @Test
    void byStepsUndoesTheLastAppliedMigrationsNewestFirst(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        migrate(db, dir.path());

        RollbackResult one = rollback(db, dir.path(), RollbackOptions.steps(1));
        assertThat(one.rolledBack()).extracting(RolledBackMigration::version).containsExactly("003");
        assertThat(one.rolledBack().get(0).file()).isEqualTo("003_c.down.sql");
        assertThat(one.initialVersion()).isEqualTo("003");
        assertThat(one.currentVersion()).isEqualTo("002");
        assertThat(columns(db, "a")).containsExactly("id");
        assertThat(status(db, dir.path()).migrations()).extracting(s -> s.version() + ":" + s.state().label())
                .containsExactly("001:applied", "002:applied", "003:pending");

        RollbackResult two = rollback(db, dir.path(), RollbackOptions.steps(2));
        assertThat(two.rolledBack()).extracting(RolledBackMigration::version).containsExactly("002", "001");
        assertThat(two.currentVersion()).isNull();
        assertThat(db.tables()).containsExactly("schema_migrations");
        assertThat(progress).anyMatch(p -> p.startsWith("rolled back 002 b ("))
                .anyMatch(p -> p.startsWith("rolled back 2 migrations in") && p.endsWith("now at version none"));
    }

    @Test
    void toAVersionUndoesEverythingAboveIt(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        migrate(db, dir.path());

        RollbackResult result = rollback(db, dir.path(), RollbackOptions.to(Version.parse("1")));
        assertThat(result.rolledBack()).extracting(RolledBackMigration::version).containsExactly("003", "002");
        assertThat(db.tables()).containsExactly("a", "schema_migrations");
        assertThat(columns(db, "a")).containsExactly("id");

        // Nothing above the version: nothing to do, not an error.
        assertThat(rollback(db, dir.path(), RollbackOptions.to(Version.parse("001"))).rolledBack()).isEmpty();
        assertThat(progress).contains("nothing to roll back: at version 001");
    }

    @Test
    void theHistoryKeepsAnAuditRowAndARolledBackMigrationIsPendingAgain(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        migrate(db, dir.path());
        rollback(db, dir.path(), RollbackOptions.steps(1));

        assertThat(db.query("SELECT version, filename, description, kind, success, statements_run, applied_by,"
                + " execution_ms IS NOT NULL AS timed, applied_at IS NOT NULL AS dated, length(checksum) AS len"
                + " FROM schema_migrations WHERE kind = 'rollback'"))
                .singleElement().isEqualTo(Map.of("version", "003", "filename", "003_c.down.sql", "description", "c",
                        "kind", "rollback", "success", true, "statements_run", 1, "applied_by", "postgres",
                        "timed", true, "dated", true, "len", 64));
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE kind = 'versioned' AND version = '003'")).isEqualTo(0L);

        migrate(db, dir.path());
        assertThat(columns(db, "a")).containsExactly("id", "c");
        assertThat(history(db)).extracting(r -> r.version() + ":" + r.kind().dbValue())
                .containsExactly("001:versioned", "002:versioned", "003:rollback", "003:versioned");
        assertThat(status(db, dir.path()).current()).isEqualTo("003");
    }

    @Test
    void aMigrationWithoutADownStopsTheRollbackBeforeAnythingRuns(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "CREATE TABLE b (id int);")
                .file("003_c.sql", "CREATE TABLE c (id int);")
                .file("003_c.down.sql", "DROP TABLE c;");
        migrate(db, dir.path());
        List<HistoryRow> before = history(db);

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(2)))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code().exitCode()).isEqualTo(1))
                .hasMessage("rollback refused, nothing was changed:\n  - 002 b: no down migration (expected 002_b.down.sql)");
        assertThat(db.tables()).containsExactly("a", "b", "c", "schema_migrations");
        assertThat(history(db)).isEqualTo(before);

        // The near miss: the last one has its down.
        rollback(db, dir.path(), RollbackOptions.steps(1));
        assertThat(db.tables()).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    void theExpectedDownIsNamedInEachLayout(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("V1__a.sql", "CREATE TABLE a (id int);")
                .file("sub/2024-01-31-120000_b/up.sql", "CREATE TABLE b (id int);")
                .file("3_c.up.sql", "CREATE TABLE c (id int);")
                .file("4_d.sql", "-- migrate:up\nCREATE TABLE d (id int);\n");
        migrate(db, dir.path());
        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(4)))
                .hasMessageContaining("4 d: no down migration (expected a '-- migrate:down' section in 4_d.sql)")
                .hasMessageContaining("3 c: no down migration (expected 3_c.down.sql)")
                .hasMessageContaining("2024-01-31-120000 b: no down migration (expected sub/2024-01-31-120000_b/down.sql)")
                .hasMessageContaining("1 a: no down migration (expected U1__a.sql)");
    }

    @Test
    void aFailingDownLeavesSchemaAndHistoryAsTheyWere(TestDatabase db) {
        MigrationDir dir = threeWithDowns()
                .file("003_c.down.sql", "ALTER TABLE a DROP COLUMN c;\nDROP TABLE b;\nSELECT * FROM\n  missing;\n");
        migrate(db, dir.path());
        List<HistoryRow> before = history(db);

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(RollbackFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.rolledBack()).isEmpty();
                })
                .hasMessageStartingWith("003_c.down.sql:4: ERROR: relation \"missing\" does not exist")
                .hasMessageContaining("nothing of 003_c.down.sql was applied (rolled back); version 003 is still applied");
        assertThat(columns(db, "a")).containsExactly("id", "c");
        assertThat(db.tables()).containsExactly("a", "b", "schema_migrations");
        assertThat(history(db)).isEqualTo(before);
    }

    @Test
    void aDownFailingAfterOthersSucceededKeepsThoseRolledBack(TestDatabase db) {
        MigrationDir dir = threeWithDowns().file("002_b.down.sql", "DROP TABLE nope;");
        migrate(db, dir.path());

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(3)))
                .isInstanceOfSatisfying(RollbackFailedException.class,
                        e -> assertThat(e.rolledBack()).extracting(RolledBackMigration::version).containsExactly("003"))
                .hasMessageStartingWith("rolled back 1 migration (down to 003), then: 002_b.down.sql:1: ERROR: table \"nope\" does not exist");
        assertThat(status(db, dir.path()).current()).isEqualTo("002");
        assertThat(db.tables()).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    void aMigrationRecordedAsFailedIsRefusedUnlessForced(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nSELECT * FROM missing;\n")
                .file("002_idx.down.sql", "DROP INDEX CONCURRENTLY IF EXISTS t_id;");
        assertThatThrownBy(() -> migrate(db, dir.path())).hasMessageContaining("002_idx.sql:2");
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.FAILED);

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .hasMessage("rollback refused, nothing was changed:\n  - 002 idx: recorded as failed after 1 statement,"
                        + " so its down may not match what ran; fix it with migrate or repair, or pass --force to run the down anyway");
        assertThat(db.value("SELECT to_regclass('t_id') IS NOT NULL")).isEqualTo(true);

        RollbackResult forced = rollback(db, dir.path(), RollbackOptions.steps(1).withForce(true));
        assertThat(forced.rolledBack()).singleElement().satisfies(r -> assertThat(r.transactional()).isFalse());
        assertThat(db.value("SELECT to_regclass('t_id')")).isNull();
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void aMigrationWhoseUpFileChangedIsRefusedUnlessForced(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        migrate(db, dir.path());
        dir.file("003_c.sql", "ALTER TABLE a ADD COLUMN c varchar(10);");

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .hasMessageContaining("003 c: 003_c.sql changed since it was applied (checksum differs)")
                .hasMessageContaining("--force");
        assertThat(columns(db, "a")).containsExactly("id", "c");

        // Editing only the down is not a reason to refuse: the down is what is being run.
        dir.file("003_c.sql", "ALTER TABLE a ADD COLUMN c text;").file("003_c.down.sql", "ALTER TABLE a DROP COLUMN IF EXISTS c;");
        rollback(db, dir.path(), RollbackOptions.steps(1));
        assertThat(columns(db, "a")).containsExactly("id");

        migrate(db, dir.path());
        dir.file("003_c.sql", "ALTER TABLE a ADD COLUMN c varchar(10);");
        rollback(db, dir.path(), RollbackOptions.steps(1).withForce(true));
        assertThat(columns(db, "a")).containsExactly("id");
    }

    @Test
    void tooManyStepsOrABaselineAreRefused(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .hasMessage("rollback refused, nothing was changed: no migration is applied, cannot roll back 1");
        migrate(db, dir.path());
        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(4)))
                .hasMessage("rollback refused, nothing was changed: only 3 migrations are applied, cannot roll back 4");
        assertThat(db.tables()).containsExactly("a", "b", "schema_migrations");

        TestDatabase adopted = db.cluster().newDatabase();
        adopted.execute("CREATE TABLE a (id int); CREATE TABLE b (id int);");
        new Maintenance(ConnectionFactory.of(adopted.settings()), HistoryTable.DEFAULT, Duration.ofSeconds(5), progress::add)
                .baseline(MigrationSet.scan(dir.path()), Version.parse("2"), null);
        migrate(adopted, dir.path());
        assertThatThrownBy(() -> rollback(adopted, dir.path(), RollbackOptions.to(Version.parse("1"))))
                .hasMessageContaining("version 2 is the baseline");
        assertThat(rollback(adopted, dir.path(), RollbackOptions.steps(1)).rolledBack()).hasSize(1);
    }

    @Test
    void dryRunPrintsTheSqlAndChangesNothing(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        migrate(db, dir.path());
        long id = (Long) db.value("SELECT id FROM schema_migrations WHERE version = '003'");
        List<HistoryRow> before = history(db);

        RollbackResult result = rollback(db, dir.path(), RollbackOptions.steps(1).withDryRun(true));
        assertThat(result.rolledBack()).isEmpty();
        assertThat(result.dryRunSql()).containsExactly(
                "-- 003_c.down.sql (rolls back 003 c)",
                "BEGIN;",
                "ALTER TABLE a DROP COLUMN c;",
                "DELETE FROM \"public\".\"schema_migrations\" WHERE id = " + id + ";",
                "INSERT INTO \"public\".\"schema_migrations\" (version, filename, description, kind, checksum, execution_ms,"
                        + " success, statements_run, backup) VALUES ('003', '003_c.down.sql', 'c', 'rollback', '"
                        + MigrationSet.scan(dir.path()).find(Version.parse("3")).orElseThrow().down().orElseThrow().checksum()
                        + "', 0, true, 1, NULL);",
                "COMMIT;");
        assertThat(columns(db, "a")).containsExactly("id", "c");
        assertThat(history(db)).isEqualTo(before);

        // Refusals apply to a dry run as well.
        dir.file("003_c.sql", "ALTER TABLE a ADD COLUMN c int;");
        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1).withDryRun(true)))
                .hasMessageContaining("checksum differs");
    }

    @Test
    void anEmptyDownRunsNothingAndStillRecordsTheRollback(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("2024-01-01-000000_a/up.sql", "CREATE TABLE a (id int);")
                .file("2024-01-01-000000_a/down.sql", "DROP TABLE a;")
                .file("2024-01-02-000000_seed/up.sql", "INSERT INTO a VALUES (1);")
                .file("2024-01-02-000000_seed/down.sql", "\n  \n");
        migrate(db, dir.path());
        RollbackResult result = rollback(db, dir.path(), RollbackOptions.steps(1));
        assertThat(result.rolledBack()).singleElement().satisfies(r -> assertThat(r.statements()).isZero());
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(1L);
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void flywayUndoFilesAndDbmateDownSectionsAreRunWithTheirOwnLineNumbers(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("V1__a.sql", "CREATE TABLE a (id int);")
                .file("U1__a.sql", "DROP TABLE a;")
                .file("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n\n-- migrate:down\nDROP TABLE b;\nDROP TABLE nope;\n");
        migrate(db, dir.path());
        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .hasMessageStartingWith("2_b.sql:6: ERROR: table \"nope\" does not exist");
        dir.file("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n\n-- migrate:down\nDROP TABLE b;\n");
        RollbackResult result = rollback(db, dir.path(), RollbackOptions.steps(2));
        assertThat(result.rolledBack()).extracting(RolledBackMigration::file).containsExactly("2_b.sql", "U1__a.sql");
        assertThat(db.tables()).containsExactly("schema_migrations");
    }

    @Test
    void placeholdersAreReplacedInDowns(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE ${table} (id int);")
                .file("001_a.down.sql", "DROP TABLE ${table};");
        new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add).migrate(MigrationSet.scan(dir.path()),
                new MigrateOptions(null, false, false, Duration.ofSeconds(5), Map.of("table", "things")));
        rollback(db, dir.path(), RollbackOptions.steps(1).withPlaceholders(Map.of("table", "things")));
        assertThat(db.tables()).containsExactly("schema_migrations");
    }

    @Test
    void aDownOutsideATransactionRecordsProgressAndResumesAfterAFix(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);")
                .file("002_idx.down.sql", "DROP INDEX CONCURRENTLY t_id;\nDROP INDEX CONCURRENTLY t_nope;\nDROP INDEX CONCURRENTLY t_v;");
        migrate(db, dir.path());

        assertThatThrownBy(() -> rollback(db, dir.path(), RollbackOptions.steps(1)))
                .hasMessageContaining("002_idx.down.sql:2: ERROR: index \"t_nope\" does not exist")
                .hasMessageContaining("1 of 3 statements of 002_idx.down.sql completed (it runs outside a transaction);"
                        + " version 002 is still applied. Fix the statement and roll back again: it resumes at statement 2");
        assertThat(db.value("SELECT to_regclass('t_id')")).isNull();
        assertThat(db.value("SELECT to_regclass('t_v') IS NOT NULL")).isEqualTo(true);
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(db.query("SELECT success, statements_run FROM schema_migrations WHERE kind = 'rollback'"))
                .containsExactly(Map.of("success", false, "statements_run", 1));

        dir.file("002_idx.down.sql", "DROP INDEX CONCURRENTLY t_id;\nDROP INDEX CONCURRENTLY IF EXISTS t_nope;\nDROP INDEX CONCURRENTLY t_v;");
        RollbackResult result = rollback(db, dir.path(), RollbackOptions.steps(1));
        assertThat(result.rolledBack()).singleElement().satisfies(r -> {
            assertThat(r.transactional()).isFalse();
            assertThat(r.statements()).isEqualTo(3);
        });
        assertThat(progress).anyMatch(p -> p.contains("resuming the rollback of 002 idx at statement 2 of 3"));
        assertThat(db.value("SELECT to_regclass('t_v')")).isNull();
        assertThat(db.query("SELECT version, success FROM schema_migrations WHERE kind = 'rollback'"))
                .containsExactly(Map.of("version", "002", "success", true));
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void aRepeatableMigrationIsNotRolledBack(TestDatabase db) {
        MigrationDir dir = threeWithDowns().file("R__view.sql", "CREATE OR REPLACE VIEW av AS SELECT id FROM a;");
        migrate(db, dir.path());
        assertThat(rollback(db, dir.path(), RollbackOptions.steps(1)).rolledBack())
                .extracting(RolledBackMigration::version).containsExactly("003");
        assertThat(history(db)).filteredOn(r -> r.kind() == HistoryKind.REPEATABLE).hasSize(1);
    }

    @Test
    void theLibraryEntryPointRollsBackBySteps(TestDatabase db) {
        MigrationDir dir = threeWithDowns();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.settings().jdbcUrl());
        ds.setUser(db.settings().user());
        ds.setPassword(db.settings().password());
        Schemata schemata = Schemata.configure().dataSource(ds).locations(dir.path()).load();
        schemata.migrate();
        assertThat(schemata.rollback(1).currentVersion()).isEqualTo("002");
        assertThat(schemata.rollbackTo("0").rolledBack()).extracting(RolledBackMigration::version).containsExactly("002", "001");
        assertThat(db.tables()).containsExactly("schema_migrations");
    }

    @Test
    void optionsRejectImpossibleValues() {
        assertThatThrownBy(() -> RollbackOptions.steps(0))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessage("--steps must be at least 1, got 0");
        assertThatThrownBy(() -> RollbackOptions.steps(1).withLockTimeout(Duration.ofSeconds(-1)))
                .hasMessage("the lock timeout must be from 0 to 24d, got PT-1S");
        assertThatThrownBy(() -> RollbackOptions.steps(1).withLockTimeout(Duration.ofDays(25)))
                .hasMessage("the lock timeout must be from 0 to 24d, got PT600H");
    }
}
