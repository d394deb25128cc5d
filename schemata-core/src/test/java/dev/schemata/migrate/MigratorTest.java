package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class MigratorTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private MigrateResult migrate(TestDatabase db, Path dir, MigrateOptions options) {
        return new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, progress::add)
                .migrate(MigrationSet.scan(dir), options);
    }

    private MigrateResult migrate(TestDatabase db, Path dir) {
        return migrate(db, dir, MigrateOptions.defaults());
    }

    private StatusReport status(TestDatabase db, Path dir) {
        return new Inspector(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT).status(MigrationSet.scan(dir));
    }

    private static MigrateOptions options(String target, boolean dryRun, boolean outOfOrder, Map<String, String> placeholders) {
        return new MigrateOptions(target == null ? null : Version.parse(target), dryRun, outOfOrder, Duration.ofSeconds(5), placeholders);
    }

    @Test
    void appliesPendingMigrationsInVersionOrderWithTheirHistoryRows(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("010_third.sql", "ALTER TABLE a ADD COLUMN c int;")
                .file("001_first.sql", "CREATE TABLE a (id int);")
                .file("002_second.sql", "INSERT INTO a VALUES (1), (2);");
        MigrateResult result = migrate(db, dir.path());
        assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly("001", "002", "010");
        assertThat(result.currentVersion()).isEqualTo("010");
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(2L);
        assertThat(db.query("SELECT version, filename, description, kind, success, length(checksum) AS len,"
                + " execution_ms IS NOT NULL AS timed, applied_by FROM schema_migrations ORDER BY id"))
                .extracting(r -> r.get("version") + "|" + r.get("filename") + "|" + r.get("description") + "|" + r.get("kind")
                        + "|" + r.get("success") + "|" + r.get("len") + "|" + r.get("timed") + "|" + r.get("applied_by"))
                .containsExactly("001|001_first.sql|first|versioned|true|64|true|postgres",
                        "002|002_second.sql|second|versioned|true|64|true|postgres",
                        "010|010_third.sql|third|versioned|true|64|true|postgres");
        assertThat(status(db, dir.path()).migrations()).extracting(s -> s.state()).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aSecondRunAppliesNothing(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).file("001_a.sql", "CREATE TABLE a (id int);");
        migrate(db, dir.path());
        MigrateResult again = migrate(db, dir.path());
        assertThat(again.applied()).isEmpty();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(1L);
    }

    @Test
    void aMigrationThatFailsMidFileLeavesNoTraceAndNamesFileAndLine(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n\nINSERT INTO\n  nope VALUES (1);\n");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.applied()).extracting(AppliedMigration::version).containsExactly("001");
                })
                .hasMessageContaining("002_b.sql:5: ERROR: relation \"nope\" does not exist")
                .hasMessageContaining("nothing of 002_b.sql was applied");
        assertThat(db.tables()).containsExactly("a", "schema_migrations");
        assertThat(db.value("SELECT string_agg(version, ',') FROM schema_migrations")).isEqualTo("001");
    }

    @Test
    void aConstraintCheckedAtCommitFailsTheMigrationWithTheServersMessageAndLeavesNoTrace(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_tables.sql", "CREATE TABLE parent (id int PRIMARY KEY);\n"
                        + "CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);")
                .file("002_orphan.sql", "INSERT INTO child VALUES (7);\nCREATE TABLE later (id int);");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.applied()).extracting(AppliedMigration::version).containsExactly("001");
                })
                .hasMessageContaining("002_orphan.sql")
                .hasMessageContaining("violates foreign key constraint");
        assertThat(db.tables()).containsExactly("child", "parent", "schema_migrations");
        assertThat(db.value("SELECT count(*) FROM child")).isEqualTo(0L);
        assertThat(db.value("SELECT string_agg(version, ',') FROM schema_migrations")).isEqualTo("001");
    }

    @Test
    void historyRowsKeepQuotesAndBackslashesWhateverTheStringSetting(TestDatabase db) {
        db.execute("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_it's a\\path.sql", "CREATE TABLE a (id int);");
        migrate(db, dir.path());
        assertThat(db.value("SELECT filename FROM schema_migrations")).isEqualTo("001_it's a\\path.sql");
        assertThat(db.value("SELECT description FROM schema_migrations")).isEqualTo("it's a\\path");
    }

    @Test
    void explicitBeginAndCommitInAFileDoNotCommitEarly(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_tx.sql", "BEGIN;\nCREATE TABLE early (id int);\nCOMMIT;\nBEGIN;\nSELECT 1/0;\nCOMMIT;\n");
        assertThatThrownBy(() -> migrate(db, dir.path())).hasMessageContaining("001_tx.sql:5").hasMessageContaining("division by zero");
        assertThat(db.tables()).doesNotContain("early");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(0L);

        new MigrationDir(dir.path()).file("001_tx.sql", "BEGIN;\nCREATE TABLE early (id int);\nCOMMIT;\n");
        migrate(db, dir.path());
        assertThat(db.tables()).contains("early");
    }

    @Test
    void concurrentIndexBuildsRunOutsideATransactionWithoutAMarker(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);\nINSERT INTO t SELECT g, g::text FROM generate_series(1, 1000) g;")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_v ON t (v);\nCREATE UNIQUE INDEX CONCURRENTLY t_id ON t (id);");
        MigrateResult result = migrate(db, dir.path());
        assertThat(result.applied().get(1).transactional()).isFalse();
        assertThat(db.value("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname IN ('t_v', 't_id') AND i.indisvalid")).isEqualTo(2L);
        assertThat(db.value("SELECT statements_run FROM schema_migrations WHERE version = '002'")).isEqualTo(2);
        assertThat(progress).anyMatch(p -> p.contains("outside a transaction (CREATE INDEX CONCURRENTLY at line 1)"));
    }

    @Test
    void aFailedConcurrentBuildIsReportedRepairedAndResumed(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);\nINSERT INTO t VALUES (1, 'x'), (2, 'x');")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY t_v_unique ON t (v);\n"
                        + "CREATE INDEX CONCURRENTLY t_both ON t (id, v);");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .hasMessageContaining("002_idx.sql:2:")
                .hasMessageContaining("could not create unique index")
                .hasMessageContaining("1 of 3 statements")
                .hasMessageContaining("invalid index public.t_v_unique");
        MigrationStatus failed = status(db, dir.path()).migrations().get(1);
        assertThat(failed.state()).isEqualTo(MigrationState.FAILED);
        assertThat(failed.resumeAt()).isEqualTo(2);
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v_unique'::regclass")).isEqualTo(false);

        // Without repair, migrate refuses and says why.
        assertThatThrownBy(() -> migrate(db, dir.path())).hasMessageContaining("schemata repair");

        db.execute("UPDATE t SET v = 'y' WHERE id = 2");
        RepairResult repair = new Maintenance(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, Duration.ofSeconds(5),
                progress::add).repair(MigrationSet.scan(dir.path()), null);
        assertThat(repair.droppedIndexes()).containsExactly("public.t_v_unique");
        assertThat(repair.resumable()).containsExactly("002_idx.sql");
        assertThat(db.value("SELECT to_regclass('t_v_unique')")).isNull();

        MigrateResult resumed = migrate(db, dir.path());
        assertThat(resumed.applied()).extracting(AppliedMigration::version).containsExactly("002");
        assertThat(progress).anyMatch(p -> p.contains("resuming") && p.contains("statement 2 of 3"));
        assertThat(db.value("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname IN ('t_id', 't_v_unique', 't_both') AND i.indisvalid")).isEqualTo(3L);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE version = '002' AND success")).isEqualTo(1L);
        assertThat(status(db, dir.path()).migrations()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void anIndexBuildThatFinishedAfterTheClientWasKilledIsNotBuiltTwice(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);");
        migrate(db, dir.path(), options("001", false, false, Map.of()));
        // What a run killed during the first build leaves once the server has finished that build: the
        // row records the build as started (statement 1 of 2, index t_id) and the index is valid.
        db.execute("INSERT INTO schema_migrations (version, filename, description, kind, checksum, success,"
                + " statements_run, invalid_indexes) VALUES ('002', '002_idx.sql', 'idx', 'versioned', 'x', false, 0,"
                + " ARRAY['t_id'])");
        db.execute("CREATE INDEX t_id ON t (id)");
        fixChecksum(db, dir.path(), "002");

        MigrateResult resumed = migrate(db, dir.path());
        assertThat(resumed.applied()).extracting(AppliedMigration::version).containsExactly("002");
        assertThat(progress).anyMatch(p -> p.contains("t_id was completed after the earlier run ended"));
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass AND indisvalid")).isEqualTo(2L);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE version = '002' AND success AND statements_run = 2"))
                .isEqualTo(1L);
    }

    @Test
    void aRecordedIndexBuildWhoseIndexIsMissingIsRunAgain(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);");
        migrate(db, dir.path(), options("001", false, false, Map.of()));
        db.execute("INSERT INTO schema_migrations (version, filename, description, kind, checksum, success,"
                + " statements_run, invalid_indexes) VALUES ('002', '002_idx.sql', 'idx', 'versioned', 'x', false, 0,"
                + " ARRAY['t_id'])");
        fixChecksum(db, dir.path(), "002");

        migrate(db, dir.path());
        assertThat(progress).noneMatch(p -> p.contains("was completed after the earlier run ended"));
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass AND indisvalid")).isEqualTo(2L);
    }

    @Test
    void aRecordedFailureIsRunAgainEvenIfItsIndexWasMadeValidByHand(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);");
        migrate(db, dir.path(), options("001", false, false, Map.of()));
        // A failed second statement (recorded with its error) whose leftover index was rebuilt by hand.
        db.execute("INSERT INTO schema_migrations (version, filename, description, kind, checksum, success,"
                + " statements_run, error, invalid_indexes) VALUES ('002', '002_idx.sql', 'idx', 'versioned', 'x', false, 1,"
                + " 'ERROR: canceled', ARRAY['t_v'])");
        fixChecksum(db, dir.path(), "002");
        db.execute("CREATE INDEX t_id ON t (id)");
        db.execute("CREATE INDEX t_v ON t (v)");

        assertThatThrownBy(() -> migrate(db, dir.path())).hasMessageContaining("002_idx.sql:2").hasMessageContaining("already exists");
        assertThat(progress).noneMatch(p -> p.contains("was completed after the earlier run ended"));
    }

    @Test
    void aKillAfterTheLastStatementOfAMigrationOutsideATransactionOnlyRecordsItsSuccess(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);");
        migrate(db, dir.path(), options("001", false, false, Map.of()));
        // Both statements ran and were recorded; the kill came before the row was marked successful.
        db.execute("CREATE INDEX t_id ON t (id)");
        db.execute("CREATE INDEX t_v ON t (v)");
        db.execute("INSERT INTO schema_migrations (version, filename, description, kind, checksum, success,"
                + " statements_run) VALUES ('002', '002_idx.sql', 'idx', 'versioned', 'x', false, 2)");
        fixChecksum(db, dir.path(), "002");

        MigrateResult resumed = migrate(db, dir.path());
        assertThat(resumed.applied()).extracting(AppliedMigration::version).containsExactly("002");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE version = '002' AND success")).isEqualTo(1L);
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(2L);
    }

    private static void fixChecksum(TestDatabase db, Path dir, String version) {
        String checksum = MigrationSet.scan(dir).find(Version.parse(version)).orElseThrow().checksum();
        db.execute("UPDATE schema_migrations SET checksum = '" + checksum + "' WHERE version = '" + version + "'");
    }

    @Test
    void targetStopsAfterTheGivenVersion(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "CREATE TABLE b (id int);")
                .file("003_c.sql", "CREATE TABLE c (id int);");
        MigrateResult result = migrate(db, dir.path(), options("2", false, false, Map.of()));
        assertThat(result.currentVersion()).isEqualTo("002");
        assertThat(db.tables()).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    void dryRunPrintsTheExactSqlAndChangesNothing(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "-- schemata:lock-timeout 5s\nCREATE TABLE a (id int);\n-- a comment\nINSERT INTO a VALUES (1);");
        MigrateResult result = migrate(db, dir.path(), options(null, true, false, Map.of()));
        assertThat(result.dryRunSql()).anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\""));
        assertThat(String.join("\n", result.dryRunSql())).contains("BEGIN;\nSET LOCAL lock_timeout = '5s';\n"
                + "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO \"public\".\"schema_migrations\"");
        assertThat(result.dryRunSql()).contains("COMMIT;");
        assertThat(db.tables()).isEmpty();

        // Run as printed, the SQL does what migrate does: the table, its row and a timed history row.
        db.execute(String.join("\n", result.dryRunSql()));
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(1L);
        assertThat(db.value("SELECT version || ' ' || (execution_ms >= 0) || ' ' || success FROM schema_migrations"))
                .isEqualTo("001 true true");
        assertThat(status(db, dir.path()).migrations()).extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED);
    }

    @Test
    void aPendingFileBelowTheAppliedVersionStopsTheRunUnlessOutOfOrder(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("003_c.sql", "CREATE TABLE c (id int);");
        migrate(db, dir.path());
        dir.file("002_b.sql", "CREATE TABLE b (id int);");
        assertThat(status(db, dir.path()).migrations().get(1).state()).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code().exitCode()).isEqualTo(1))
                .hasMessageContaining("002_b.sql").hasMessageContaining("--out-of-order");
        assertThat(db.tables()).doesNotContain("b");
        MigrateResult late = migrate(db, dir.path(), options(null, false, true, Map.of()));
        assertThat(db.tables()).contains("b");
        assertThat(late.initialVersion()).isEqualTo("003");
        assertThat(late.currentVersion()).isEqualTo("003");
    }

    @Test
    void anEditedAppliedMigrationStopsTheRunUntilAccepted(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "CREATE TABLE b (id int);");
        migrate(db, dir.path(), options("1", false, false, Map.of()));
        dir.file("001_a.sql", "CREATE TABLE a (id bigint);");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("001_a.sql").hasMessageContaining("--accept-checksum");
        assertThat(db.tables()).doesNotContain("b");
        new Maintenance(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, Duration.ofSeconds(5), progress::add)
                .repair(MigrationSet.scan(dir.path()), Version.parse("1"));
        migrate(db, dir.path());
        assertThat(db.tables()).contains("b");
    }

    @Test
    void crlfAndBomCopiesOfAFileKeepTheirChecksum(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).file("001_a.sql", "CREATE TABLE a (\n  id int\n);\n");
        migrate(db, dir.path());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = "CREATE TABLE a (\r\n  id int\r\n);\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(crlf, 0, both, bom.length, crlf.length);
        dir.bytes("001_a.sql", both);
        assertThat(status(db, dir.path()).migrations().get(0).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(migrate(db, dir.path()).applied()).isEmpty();
    }

    @Test
    void aSimplerRunnersHistoryTableIsAdoptedWithNothingLost(TestDatabase db) throws Exception {
        String first = "CREATE TABLE a (id int);\n";
        db.execute(first);
        db.execute("CREATE TABLE schema_migrations (id serial PRIMARY KEY, version integer NOT NULL, filename text NOT NULL,"
                + " applied_at timestamp NOT NULL DEFAULT now(), checksum varchar(64) NOT NULL)");
        String rawSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.getBytes(StandardCharsets.UTF_8)));
        db.execute("INSERT INTO schema_migrations (version, filename, checksum) VALUES (1, '001_a.sql', '" + rawSha.toUpperCase() + "')");
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).file("001_a.sql", first).file("002_b.sql", "CREATE TABLE b (id int);");

        MigrateResult result = migrate(db, dir.path());
        assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly("002");
        assertThat(db.query("SELECT version, kind, success FROM schema_migrations ORDER BY id"))
                .extracting(r -> r.get("version") + "|" + r.get("kind") + "|" + r.get("success"))
                .containsExactly("1|versioned|true", "002|versioned|true");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schema_migrations'"
                + " AND column_name IN ('description', 'kind', 'applied_by', 'execution_ms', 'success')")).isEqualTo(5L);
        assertThat(progress).anyMatch(p -> p.startsWith("adopted the history table"));
    }

    @Test
    void badFileNamesAreReportedBeforeAnyChange(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_ok.sql", "CREATE TABLE a (id int);")
                .file("5-foo.sql", "CREATE TABLE b (id int);")
                .file("V1_foo.sql", "CREATE TABLE c (id int);");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("5-foo.sql").hasMessageContaining("V1_foo.sql");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aSyntaxErrorInALaterFileStopsTheRunBeforeTheFirstIsApplied(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_ok.sql", "CREATE TABLE a (id int);")
                .file("002_bad.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES ('unterminated);\n");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("002_bad.sql:2");
        assertThat(db.tables()).doesNotContain("a");
    }

    @Test
    void placeholdersAreReplacedOnlyWhenEnabled(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE notes (t text);\nINSERT INTO notes VALUES ('${owner}');");
        assertThatThrownBy(() -> migrate(db, dir.path(), options(null, false, false, Map.of("other", "x"))))
                .hasMessageContaining("001_a.sql:2: placeholder ${owner} is not defined");
        assertThat(db.tables()).isEmpty();
        migrate(db, dir.path(), options(null, false, false, Map.of("owner", "alice")));
        assertThat(db.value("SELECT t FROM notes")).isEqualTo("alice");

        MigrationDir plain = new MigrationDir(tmp.resolve("plain")).file("001_a.sql", "CREATE TABLE literal (t text);\n"
                + "INSERT INTO literal VALUES ('${owner}');");
        new Migrator(ConnectionFactory.of(db.settings()), new HistoryTable("public", "plain_history"), progress::add)
                .migrate(MigrationSet.scan(plain.path()), options(null, false, false, Map.of()));
        assertThat(db.value("SELECT t FROM literal")).isEqualTo("${owner}");
    }

    @Test
    void copyFromStdinDataIsLoaded(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).file("001_copy.sql",
                "CREATE TABLE c (id int, note text);\nCOPY c (id, note) FROM stdin;\n1\tit's; fine\n2\t\\N\n\\.\nINSERT INTO c VALUES (3, 'x');\n");
        migrate(db, dir.path());
        assertThat(db.query("SELECT id, note FROM c ORDER BY id")).extracting(r -> r.get("id") + ":" + r.get("note"))
                .containsExactly("1:it's; fine", "2:null", "3:x");
    }

    @Test
    void baselineAdoptsAnExistingDatabase(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "CREATE TABLE b (id int);")
                .file("003_c.sql", "CREATE TABLE c (id int);");
        db.execute("CREATE TABLE a (id int); CREATE TABLE b (id int);");
        new Maintenance(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, Duration.ofSeconds(5), progress::add)
                .baseline(MigrationSet.scan(dir.path()), Version.parse("002"), null);
        assertThat(status(db, dir.path()).migrations()).extracting(s -> s.version() + ":" + s.state().label())
                .containsExactly("001:below_baseline", "002:baseline", "003:pending");
        assertThat(migrate(db, dir.path()).applied()).extracting(AppliedMigration::version).containsExactly("003");
    }

    @Test
    void aLockHeldByAnotherRunTimesOutWithTheLockCode(TestDatabase db) throws Exception {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).file("001_a.sql", "CREATE TABLE a (id int);");
        long key = dev.schemata.history.AdvisoryLock.key(HistoryTable.DEFAULT);
        try (var holder = db.connect(); var s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            assertThatThrownBy(() -> migrate(db, dir.path(), new MigrateOptions(null, false, false, Duration.ofMillis(300), Map.of())))
                    .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("held by server process");
        }
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void repeatableMigrationsRunAfterVersionedOnesAndAgainWhenChanged(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM a;")
                .file("V1__a.sql", "CREATE TABLE a (id int, name text);");
        assertThat(migrate(db, dir.path()).applied()).extracting(AppliedMigration::file).containsExactly("V1__a.sql", "R__view.sql");
        assertThat(migrate(db, dir.path()).applied()).isEmpty();
        dir.file("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id, name FROM a;");
        assertThat(migrate(db, dir.path()).applied()).extracting(AppliedMigration::file).containsExactly("R__view.sql");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'v'")).isEqualTo(2L);
    }

    @Test
    void aLockTimeoutDirectiveBoundsTheWaitOfThatMigration(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_alter.sql", "-- schemata:lock-timeout 200ms\nALTER TABLE busy ADD COLUMN c int;");
        try (var holder = db.connect(); var s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> migrate(db, dir.path()))
                    .hasMessageContaining("001_alter.sql:2")
                    .hasMessageContaining("lock timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            holder.rollback();
        }
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy'")).isEqualTo(1L);
        migrate(db, dir.path());
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy'")).isEqualTo(2L);
    }

    // ---------------------------------------------------------------- small migrations sent in groups

    private static MigrationDir numbered(Path dir, int count, java.util.function.IntFunction<String> sql) {
        MigrationDir migrations = new MigrationDir(dir);
        for (int i = 1; i <= count; i++) {
            migrations.file(String.format("%03d_t%d.sql", i, i), sql.apply(i));
        }
        return migrations;
    }

    @Test
    void aFailureDeepInARunOfSmallMigrationsKeepsTheOnesBeforeAndNamesFileAndLine(TestDatabase db) {
        // 130 small migrations travel in groups of up to 128; number 110 fails at its third line, far into a
        // group and past the point where the driver synchronises with the server on its own.
        MigrationDir dir = numbered(tmp.resolve("m"), 130, i -> i == 110
                ? "CREATE TABLE t110 (id int);\nINSERT INTO t110 VALUES (1);\nINSERT INTO missing VALUES (1);\n"
                : "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i + " VALUES (" + i + ");\n");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.applied()).hasSize(109);
                    assertThat(e.applied().get(108).version()).isEqualTo("109");
                })
                .hasMessageContaining("110_t110.sql:3: ERROR: relation \"missing\" does not exist")
                .hasMessageContaining("nothing of 110_t110.sql was applied (rolled back)");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success AND execution_ms >= 0"
                + " AND statements_run = 2")).isEqualTo(109L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("109");
        assertThat(db.value("SELECT sum(id) FROM t109")).isEqualTo(109L);
        assertThat(db.tables()).contains("t1", "t109").doesNotContain("t110", "t111", "t130");
        assertThat(progress).filteredOn(line -> line.startsWith("applied ")).first().asString().matches("applied 001 t1 \\(\\d+ ms\\)");
        assertThat(progress).filteredOn(line -> line.matches("applied \\d+ t\\d+ \\(\\d+ ms\\)")).hasSize(109);

        dir.file("110_t110.sql", "CREATE TABLE t110 (id int);");
        assertThat(migrate(db, dir.path()).applied()).hasSize(21);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).isEqualTo(130L);
        assertThat(db.value("SELECT string_agg(version, ',' ORDER BY id) = string_agg(version, ',' ORDER BY version)"
                + " FROM schema_migrations")).isEqualTo(true);
    }

    @Test
    void migrationsWhoseStatementsReturnRowsRunAloneBetweenGroups(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id serial PRIMARY KEY, v text);")
                .file("002_seq.sql", "SELECT setval('a_id_seq', 41);")
                .file("003_insert.sql", "INSERT INTO a (v) VALUES ('x') RETURNING id;")
                .file("004_with.sql", "WITH n AS (SELECT 'y' AS v) INSERT INTO a (v) SELECT v FROM n;")
                .file("005_plain.sql", "INSERT INTO a (v) VALUES ('z');")
                .file("006_copy.sql", "COPY a (v) FROM stdin;\nw\n\\.\n");
        MigrationSet set = MigrationSet.scan(dir.path());
        assertThat(set.versioned()).extracting(m -> ScriptRunner.plan(m, 15, Map.of()).groupable())
                .containsExactly(true, false, false, false, true, false);

        assertThat(migrate(db, dir.path()).applied()).hasSize(6);
        assertThat(db.value("SELECT string_agg(id || v, ',' ORDER BY id) FROM a")).isEqualTo("42x,43y,44z,45w");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).isEqualTo(6L);
    }

    @Test
    void whatMayBeSentInAGroupIsJudgedFromTheStatements(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_ddl.sql", "BEGIN;\nCREATE TABLE a (id int);\nCOMMENT ON TABLE a IS 'returning';\nCOMMIT;")
                .file("002_do.sql", "DO $$ BEGIN PERFORM 1; END $$;\nSET search_path TO public;")
                .file("003_update.sql", "UPDATE a SET id = 1 RETURNING id;")
                .file("004_call.sql", "CALL p();")
                .file("005_savepoint.sql", "SAVEPOINT s;\nCREATE TABLE b (id int);\nRELEASE s;")
                .file("006_concurrently.sql", "CREATE INDEX CONCURRENTLY i ON a (id);");
        assertThat(MigrationSet.scan(dir.path()).versioned()).extracting(m -> ScriptRunner.plan(m, 15, Map.of()).groupable())
                .containsExactly(true, true, false, false, false, false);
    }

    @Test
    void aTimeoutDirectiveHoldsForItsOwnMigrationInsideAGroup(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_alter.sql", "-- schemata:lock-timeout 200ms\nALTER TABLE busy ADD COLUMN c int;")
                .file("003_c.sql", "CREATE TABLE c (id int);");
        try (var holder = db.connect(); var s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            assertThatThrownBy(() -> migrate(db, dir.path()))
                    .hasMessageContaining("002_alter.sql:2")
                    .hasMessageContaining("lock timeout")
                    .hasMessageContaining("nothing of 002_alter.sql was applied");
            holder.rollback();
        }
        assertThat(db.tables()).contains("a").doesNotContain("c");
        assertThat(db.value("SELECT string_agg(version, ',') FROM schema_migrations")).isEqualTo("001");

        // The directive is SET LOCAL: the migration after it in the same group runs without it.
        dir.file("003_c.sql", "DO $$ BEGIN IF current_setting('lock_timeout') <> '0' THEN"
                + " RAISE EXCEPTION 'lock_timeout leaked: %', current_setting('lock_timeout'); END IF; END $$;");
        assertThat(migrate(db, dir.path()).applied()).extracting(AppliedMigration::version).containsExactly("002", "003");
    }

    @Test
    void theFailedEntryIsReadFromTheDriversMessageOnlyWhenItIsPlain() {
        assertThat(MigrationGroup.failedEntry(new java.sql.SQLException("Batch entry 12 INSERT INTO missing VALUES (1) was aborted: x")))
                .isEqualTo(12);
        assertThat(MigrationGroup.failedEntry(new java.sql.SQLException("Batch-Eintrag 3 ALTER TABLE t wurde abgebrochen."))).isEqualTo(3);
        assertThat(MigrationGroup.failedEntry(new java.sql.SQLException("バッチ ١٢ はアボートしました"))).isEqualTo(-1);
        assertThat(MigrationGroup.failedEntry(new java.sql.SQLException((String) null))).isEqualTo(-1);
    }

    // ---------------------------------------------------------------- directives

    @Test
    void aDirectiveThatDoesNotReadStopsTheRunBeforeAnyChange(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE a (id int);")
                .file("002_b.sql", "-- Waits for the table lock at most a second.\n-- schemata:lock-timeout 1sec\nALTER TABLE a ADD COLUMN b int;");
        String expected = "002_b.sql:2: schemata:lock-timeout: \"1sec\": unknown unit \"sec\"";
        for (boolean dryRun : new boolean[]{false, true}) {
            SchemataException e = catchThrowableOfType(SchemataException.class,
                    () -> migrate(db, dir.path(), options(null, dryRun, false, Map.of())));
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage()).startsWith(expected).contains("write it as -- schemata:lock-timeout 5s");
        }
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aMisspeltDirectiveIsAnError(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "-- schemata:statment-timeout 5s\nCREATE TABLE a (id int);");
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .hasMessageStartingWith("001_a.sql:1: unknown directive schemata:statment-timeout (did you mean"
                        + " schemata:statement-timeout?)");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aDirectiveSeparatedFromTheFirstStatementStillApplies(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "-- schemata:lock-timeout 1s\n\nCREATE TABLE a (id int);\n\n/* schemata:statement-timeout 2min */\n");
        MigrateResult result = migrate(db, dir.path(), options(null, true, false, Map.of()));
        assertThat(String.join("\n", result.dryRunSql())).contains("BEGIN;\nSET LOCAL lock_timeout = '1s';\n"
                + "SET LOCAL statement_timeout = '2min';\nCREATE TABLE a (id int);");
    }

    // ---------------------------------------------------------------- the connection lost mid-group

    /** Eight small migrations, sent as one group; the fifth sleeps, so the backend can be ended while it runs. */
    private MigrationDir groupWithASlowFifth() {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"));
        for (int i = 1; i <= 8; i++) {
            dir.file(String.format("%03d_t%d.sql", i, i), "CREATE TABLE t" + i + " (id int);\n"
                    + (i == 5 ? "DO $$ BEGIN PERFORM pg_sleep(30); END $$;\n" : ""));
        }
        return dir;
    }

    /** Ends the backend running the fifth migration's sleep, from another connection, once it runs. */
    private static Thread terminateTheSleeper(TestDatabase db) {
        Thread killer = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                Object done = db.value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'DO $$ BEGIN PERFORM pg_sleep(30)%'");
                if (((Long) done) > 0) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        killer.start();
        return killer;
    }

    @Test
    void aConnectionLostMidGroupReportsWhatTheServerCommitted(TestDatabase db) throws InterruptedException {
        MigrationDir dir = groupWithASlowFifth();
        Thread killer = terminateTheSleeper(db);
        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> migrate(db, dir.path()));
        killer.join();
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(e.applied()).extracting(AppliedMigration::version).containsExactly("001", "002", "003", "004");
        assertThat(e.getMessage()).startsWith("applied 4 migrations (up to 004), then: lost the connection to ")
                .contains("while applying 8 migrations sent together, 001_t1.sql to 008_t8.sql")
                .contains("the server committed 4 of the 8 migrations sent together (up to 004), each with its history row");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(4L);
        assertThat(db.tables()).contains("t4").doesNotContain("t5");
    }

    @Test
    void aConnectionLostMidGroupSaysTheCountIsUnknownWhenTheServerDoesNotAnswerAgain(TestDatabase db)
            throws InterruptedException {
        MigrationDir dir = groupWithASlowFifth();
        // The first connection is the real one; every later one is refused, as by a server that stays down.
        AtomicInteger opened = new AtomicInteger();
        ConnectionFactory once = () -> {
            if (opened.getAndIncrement() > 0) {
                throw new java.sql.SQLException("Connection refused", "08001");
            }
            return db.connect();
        };
        Thread killer = terminateTheSleeper(db);
        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () ->
                new Migrator(once, HistoryTable.DEFAULT, progress::add).migrate(MigrationSet.scan(dir.path()),
                        MigrateOptions.defaults()));
        killer.join();
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(e.applied()).isEmpty();
        assertThat(e.getMessage()).startsWith("lost the connection to ")
                .contains("how many of the 8 migrations sent together the server committed is unknown")
                .contains("Run `schemata status` when it is back");
    }

    @Test
    void anErrorInAnyOfManyPendingFilesStopsThemAllAndTheFirstInVersionOrderIsReported(TestDatabase db) {
        // Enough files that they are read and split several at a time; the result must be a loop's.
        MigrationDir dir = new MigrationDir(tmp.resolve("m"));
        for (int i = 1; i <= 300; i++) {
            String version = String.format("%03d", i);
            String sql = switch (i) {
                case 150 -> "CREATE TABLE t150 (id int);\nROLLBACK;";
                case 250 -> "ROLLBACK;";
                default -> "CREATE TABLE t" + i + " (id int);";
            };
            dir.file(version + "_t" + i + ".sql", sql);
        }
        assertThatThrownBy(() -> migrate(db, dir.path()))
                .isInstanceOf(dev.schemata.sql.SqlSyntaxException.class)
                .hasMessageContaining("150_t150.sql:2")
                .hasMessageContaining("ROLLBACK in a migration would silently undo it");
        assertThat(db.value("SELECT to_regclass('t1')")).isNull();
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'")).isEqualTo(0L);

        dir.file("150_t150.sql", "CREATE TABLE t150 (id int);").file("250_t250.sql", "CREATE TABLE t250 (id int);");
        MigrateResult result = migrate(db, dir.path());
        assertThat(result.applied()).hasSize(300);
        assertThat(result.applied()).extracting(AppliedMigration::version).startsWith("001", "002").endsWith("299", "300");
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE tablename ~ '^t[0-9]+$'")).isEqualTo(300L);
    }
}
