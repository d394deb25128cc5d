package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migrate.RollbackCheck.Outcome;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** verify-rollback on hand-written migrations: each kind of broken down, and the near misses that pass. */
@ExtendWith(PostgresExtension.class)
class RollbackVerifierTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private RollbackVerification verify(TestDatabase db, MigrationDir dir) {
        return verify(db, dir, VerifyRollbackOptions.all());
    }

    private RollbackVerification verify(TestDatabase db, MigrationDir dir, VerifyRollbackOptions options) {
        return new RollbackVerifier(progress::add).verify(db.settings(), MigrationSet.scan(dir.path()), options);
    }

    private static RollbackCheck check(RollbackVerification v, String version) {
        return v.checks().stream().filter(c -> c.version().equals(version)).findFirst().orElseThrow();
    }

    /** Users and channels, with a correct down. */
    private MigrationDir base() {
        return new MigrationDir(tmp.resolve("m"))
                .file("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);\n"
                        + "CREATE TABLE channels (id int PRIMARY KEY);")
                .file("001_users.down.sql", "DROP TABLE channels;\nDROP TABLE users;");
    }

    @Test
    void correctDownsPass(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_email.sql", "ALTER TABLE users ADD COLUMN email text;\nCREATE UNIQUE INDEX users_email ON users (email);\n"
                        + "CREATE TYPE mood AS ENUM ('ok', 'meh');\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';")
                .file("002_email.down.sql", "DROP FUNCTION f();\nDROP TYPE mood;\nDROP INDEX users_email;\nALTER TABLE users DROP COLUMN email;");
        RollbackVerification v = verify(db, dir);
        assertThat(v.checks()).extracting(c -> c.version() + ":" + c.outcome().label()).containsExactly("001:ok", "002:ok");
        assertThat(v.passed()).isTrue();
        assertThat(v.checks()).allSatisfy(c -> assertThat(c.differences()).isEmpty());
        assertThat(v.checks().get(1).downFile()).isEqualTo("002_email.down.sql");
    }

    @Test
    void aDownThatDropsTheWrongTableIsNamedWithWhatRemains(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_groupchannels.sql", "CREATE TABLE groupchannels (id int PRIMARY KEY, channel int REFERENCES channels);")
                .file("002_groupchannels.down.sql", "DROP TABLE channels CASCADE;")
                .file("003_topics.sql", "CREATE TABLE topics (id int);")
                .file("003_topics.down.sql", "DROP TABLE topics;");
        RollbackVerification v = verify(db, dir);

        RollbackCheck wrong = check(v, "002");
        assertThat(wrong.outcome()).isEqualTo(Outcome.LEAVES_DIFFERENCE);
        assertThat(wrong.differences()).containsExactly("table channels is missing", "table groupchannels remains");
        assertThat(wrong.message()).startsWith("after the down the schema differs from the one before the up;"
                + " applying the up again then failed: 002_groupchannels.sql:1: ERROR: relation \"groupchannels\" already exists");
        // The database was built again, so the next migration is checked from the right state.
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
        assertThat(progress).anyMatch(p -> p.startsWith("verify-rollback: re-creating the throwaway database and applying 2 migrations again"));
        assertThat(v.problems()).extracting(RollbackCheck::version).containsExactly("002");
    }

    @Test
    void anEmptyDownIsAFindingOnlyWhenTheUpChangedTheSchema(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_email.sql", "ALTER TABLE users ADD COLUMN email text;\nALTER TABLE users ALTER COLUMN name DROP NOT NULL;")
                .file("002_email.down.sql", "")
                .file("003_seed.sql", "INSERT INTO users VALUES (1, 'admin');\nUPDATE users SET email = 'a@example.com';")
                .file("003_seed.down.sql", "\n\n")
                .file("004_comment_only.sql", "INSERT INTO channels VALUES (1);")
                .file("004_comment_only.down.sql", "-- the rows stay: later data refers to them\n");
        RollbackVerification v = verify(db, dir);

        RollbackCheck empty = check(v, "002");
        assertThat(empty.outcome()).isEqualTo(Outcome.EMPTY_DOWN);
        assertThat(empty.message()).isEqualTo("the down is empty but the up changed the schema");
        assertThat(empty.differences()).containsExactly("column users.email remains",
                "column users.name differs: not null false, was true");
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
        assertThat(check(v, "003").message()).isEqualTo("the down is empty and the up changes no schema object");
        assertThat(check(v, "004").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aDownThatFailsBecauseOfDependenciesIsReportedWithTheServerError(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_groups.sql", "CREATE TABLE groups (id int PRIMARY KEY);\n"
                        + "CREATE TABLE groups_users (group_id int REFERENCES groups, user_id int REFERENCES users);")
                .file("002_groups.down.sql", "DROP TABLE groups;\nDROP TABLE groups_users;")
                .file("003_more.sql", "ALTER TABLE groups ADD COLUMN name text;")
                .file("003_more.down.sql", "ALTER TABLE groups DROP COLUMN name;");
        RollbackVerification v = verify(db, dir);

        RollbackCheck groups = check(v, "002");
        assertThat(groups.outcome()).isEqualTo(Outcome.DOWN_FAILED);
        assertThat(groups.message()).startsWith("002_groups.down.sql:1: ERROR: cannot drop table groups because other objects depend on it")
                .contains("HINT: Use DROP ... CASCADE");
        // The failed down rolled back, so 003 still finds the groups table.
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void aMissingDownIsReportedAndTheNextMigrationsAreStillChecked(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_email.sql", "ALTER TABLE users ADD COLUMN email text;")
                .file("003_topics.sql", "CREATE TABLE topics (id int);")
                .file("003_topics.down.sql", "DROP TABLE topics;");
        RollbackVerification v = verify(db, dir);
        assertThat(check(v, "002").outcome()).isEqualTo(Outcome.MISSING_DOWN);
        assertThat(check(v, "002").message()).isEqualTo("no down migration (expected 002_email.down.sql)");
        assertThat(check(v, "002").downFile()).isNull();
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aDownThatLeavesDataBehindMakesTheUpFailAgain(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_admin.sql", "INSERT INTO users VALUES (1, 'admin');")
                .file("002_admin.down.sql", "UPDATE users SET name = 'nobody' WHERE id = 1;")
                .file("003_topics.sql", "CREATE TABLE topics (id int);")
                .file("003_topics.down.sql", "DROP TABLE topics;");
        RollbackVerification v = verify(db, dir);
        RollbackCheck admin = check(v, "002");
        assertThat(admin.outcome()).isEqualTo(Outcome.REAPPLY_FAILED);
        assertThat(admin.message()).startsWith("after the down, applying the up again failed: 002_admin.sql:1: ERROR:"
                + " duplicate key value violates unique constraint \"users_pkey\"");
        assertThat(admin.differences()).isEmpty();
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void anUpThatGivesAnotherSchemaTheSecondTimeIsReported(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_once.sql", "CREATE TABLE runs (n int);\n")
                .file("002_once.down.sql", "DROP TABLE runs;")
                .file("003_depends.sql", "DO $$ BEGIN\n"
                        + "  IF NOT EXISTS (SELECT FROM runs) THEN CREATE TABLE first_time (id int);"
                        + "  ELSE CREATE TABLE second_time (id int); END IF;\n"
                        + "  INSERT INTO runs VALUES (1);\nEND $$;")
                .file("003_depends.down.sql", "DROP TABLE IF EXISTS first_time;\nDROP TABLE IF EXISTS second_time;");
        RollbackVerification v = verify(db, dir);
        RollbackCheck depends = check(v, "003");
        assertThat(depends.outcome()).isEqualTo(Outcome.REAPPLY_DIFFERS);
        assertThat(depends.differences()).containsExactly("after applying the up again: table first_time is missing",
                "after applying the up again: table second_time is extra");
        assertThat(check(v, "002").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void anUpThatFailsStopsTheCheckAndLeavesTheRestUnverified(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_bad.sql", "ALTER TABLE nope ADD COLUMN x int;")
                .file("002_bad.down.sql", "ALTER TABLE nope DROP COLUMN x;")
                .file("003_later.sql", "CREATE TABLE later (id int);")
                .file("003_later.down.sql", "DROP TABLE later;");
        RollbackVerification v = verify(db, dir);
        assertThat(v.checks()).extracting(c -> c.version() + ":" + c.outcome().label())
                .containsExactly("001:ok", "002:up_failed", "003:not_verified");
        assertThat(check(v, "002").message()).startsWith("002_bad.sql:1: ERROR: relation \"nope\" does not exist");
        assertThat(check(v, "003").message()).isEqualTo("not checked: 002_bad.sql failed before it");
    }

    @Test
    void aDownStoppingPartWayOutsideATransactionRebuildsTheDatabase(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_t.sql", "CREATE TABLE t (id int, v text);")
                .file("001_t.down.sql", "DROP TABLE t;")
                .file("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_v ON t (v);")
                .file("002_idx.down.sql", "DROP INDEX CONCURRENTLY t_id;\nDROP INDEX CONCURRENTLY t_nope;\nDROP INDEX CONCURRENTLY t_v;")
                .file("003_rename.sql", "ALTER INDEX t_id RENAME TO t_id_renamed;")
                .file("003_rename.down.sql", "ALTER INDEX t_id_renamed RENAME TO t_id;");
        RollbackVerification v = verify(db, dir);
        assertThat(check(v, "002").outcome()).isEqualTo(Outcome.DOWN_FAILED);
        assertThat(check(v, "002").message()).startsWith("002_idx.down.sql:2: ERROR: index \"t_nope\" does not exist")
                .endsWith("(it ran outside a transaction; statements before it stayed applied)");
        // t_id was dropped by the failed down; 003 renames it, so it passes only on a rebuilt database.
        assertThat(check(v, "003").outcome()).isEqualTo(Outcome.OK);
        assertThat(progress).anyMatch(p -> p.contains("re-creating the throwaway database"));
    }

    @Test
    void onlyTheChosenWindowIsCheckedAndTheMigrationsBeforeItAreApplied(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_email.sql", "ALTER TABLE users ADD COLUMN email text;")
                .file("003_topics.sql", "CREATE TABLE topics (id int, user_id int REFERENCES users);")
                .file("003_topics.down.sql", "DROP TABLE topics;")
                .file("004_later.sql", "CREATE TABLE later (id int);");
        RollbackVerification v = verify(db, dir, new VerifyRollbackOptions(Version.parse("3"), Version.parse("3"), Map.of(), false));
        assertThat(v.applied()).isEqualTo(2);
        assertThat(v.checks()).extracting(RollbackCheck::version).containsExactly("003");
        assertThat(v.passed()).isTrue();
    }

    @Test
    void theThrowawayDatabaseIsDroppedAfterwards(TestDatabase db, TestCluster cluster) {
        MigrationDir dir = base().file("002_bad.sql", "SELECT 1/0;").file("003_c.sql", "CREATE TABLE c (id int);");
        assertThat(verify(db, dir).passed()).isFalse();
        // A migration before the checked window fails: an error, after which the database is dropped all the same.
        assertThatThrownBy(() -> verify(db, dir, new VerifyRollbackOptions(Version.parse("3"), null, Map.of(), false)))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED))
                .hasMessageStartingWith("verify-rollback: applying 002_bad.sql to reach the first checked migration failed:"
                        + " 002_bad.sql:1: ERROR: division by zero");
        TestDatabase other = cluster.newDatabase();
        assertThat(other.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'schemata_scratch_%'")).isEqualTo(0L);
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void placeholdersAreReplacedInUpsAndDowns(TestDatabase db) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"))
                .file("001_a.sql", "CREATE TABLE ${table} (id int);")
                .file("001_a.down.sql", "DROP TABLE ${table};");
        RollbackVerification v = verify(db, dir, new VerifyRollbackOptions(null, null, Map.of("table", "things"), false));
        assertThat(v.passed()).isTrue();
    }

    @Test
    void statementsThatChangeTheWholeServerAreRefusedUnlessAllowed(TestDatabase db) {
        MigrationDir dir = base()
                .file("002_role.sql", "CREATE TABLE audit (id int);\nCREATE ROLE schemata_verify_reader;\n"
                        + "GRANT SELECT ON audit TO schemata_verify_reader;")
                .file("002_role.down.sql", "REVOKE SELECT ON audit FROM schemata_verify_reader;\n"
                        + "DROP ROLE schemata_verify_reader;\nDROP TABLE audit;");
        assertThatThrownBy(() -> verify(db, dir))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED))
                .hasMessageContaining("verify-rollback refused")
                .hasMessageContaining("002_role.sql:2: CREATE ROLE")
                .hasMessageContaining("002_role.down.sql:2: DROP ROLE")
                .hasMessageNotContaining("GRANT")
                .hasMessageContaining("--allow-cluster-changes");
        assertThat(db.value("SELECT count(*) FROM pg_roles WHERE rolname = 'schemata_verify_reader'")).isEqualTo(0L);
        try {
            // Creating a role takes more than the throwaway database's owner may do: a clear failure, then the opt-in.
            RollbackVerification owner = verify(db, dir, new VerifyRollbackOptions(null, null, Map.of(), true));
            assertThat(owner.passed()).isFalse();
            assertThat(owner.problems().get(0).message()).contains("002_role.sql:2")
                    .contains("permission denied to create role").contains("not as a superuser").contains("--scratch-superuser");
            RollbackVerification v = verify(db, dir, new VerifyRollbackOptions(null, null, Map.of(), true, true));
            assertThat(v.passed()).isTrue();
        } finally {
            db.execute("DROP ROLE IF EXISTS schemata_verify_reader");
        }
    }

    @Test
    void clusterWideStatementsAreToldFromTheirDatabaseLocalNamesakes() {
        assertThat(clusterWide("CREATE ROLE r")).contains("CREATE ROLE");
        assertThat(clusterWide("create user u with password 'x'")).contains("CREATE USER");
        assertThat(clusterWide("ALTER SYSTEM SET work_mem = '8MB'")).contains("ALTER SYSTEM");
        assertThat(clusterWide("DROP DATABASE other")).contains("DROP DATABASE");
        assertThat(clusterWide("GRANT admins TO alice")).contains("GRANT (role membership)");
        assertThat(clusterWide("CREATE TABLESPACE fast LOCATION '/ssd'")).contains("CREATE TABLESPACE");

        assertThat(clusterWide("GRANT SELECT ON users TO alice")).isEmpty();
        assertThat(clusterWide("CREATE USER MAPPING FOR alice SERVER remote")).isEmpty();
        assertThat(clusterWide("CREATE TABLE role (id int)")).isEmpty();
        assertThat(clusterWide("ALTER TABLE users RENAME TO \"user\"")).isEmpty();
        assertThat(clusterWide("SELECT 'CREATE ROLE r'")).isEmpty();
    }

    private static Optional<String> clusterWide(String sql) {
        Statement st = new SqlScanner(new StringReader(sql + ";"), "x.sql").next();
        return RollbackVerifier.clusterWideCommand(st);
    }
}
