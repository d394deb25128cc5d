package dev.schemata.cli;

import dev.schemata.json.Json;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * plan, apply, diff, generate, drift and dump-schema as a user runs them: exit 0 when in sync, 1 for drift
 * or refused hazards, 2 for bad input. Throwaway databases come from the test server
 * ({@code SCHEMATA_SCRATCH_URL}), which runs the target's major version.
 */
@ExtendWith(PostgresExtension.class)
class DeclarativeCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private TestDatabase db;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) {
        this.db = db;
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CliRunner.Result run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--url", db.url())).toArray(String[]::new);
        return cli.run(all);
    }

    @Test
    void planThenApplyThenPlanIsEmpty() throws IOException {
        write("init.sql", """
                CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);
                CREATE INDEX users_email_lower ON users (lower(email));
                """);

        CliRunner.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        // The database has nothing of its own yet: the plan is the file as written.
        assertThat(plan.out()).contains("apply runs the schema file as written").contains("CREATE INDEX users_email_lower");
        assertThat(db.tables()).isEmpty();

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Applied").contains("recorded in public.schema_migrations");
        assertThat(db.tables()).contains("users");
        assertThat(db.value("SELECT kind FROM schema_migrations ORDER BY id DESC LIMIT 1")).isEqualTo("declarative");
        assertThat(db.value("SELECT checksum FROM schema_migrations ORDER BY id DESC LIMIT 1")).isNotNull();

        CliRunner.Result again = run("plan", "--json");
        assertThat(again.exitCode()).as(again.all()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(again.out());
        assertThat(json.get("inSync")).isEqualTo(true);
        assertThat((List<?>) json.get("steps")).isEmpty();
        assertThat(run("apply").out()).contains("nothing to do");
    }

    @Test
    void applyRefusesHazardsUnlessAllowed() throws IOException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, old_note text); INSERT INTO t VALUES (1, 'x');");
        write("init.sql", "CREATE TABLE t (id int PRIMARY KEY);");

        CliRunner.Result refused = run("apply", "--allow-hazards", "INDEX_BUILD");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("step 1: ALTER TABLE public.t DROP COLUMN old_note").contains("DELETES_DATA")
                .contains("--allow-hazards DELETES_DATA");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'old_note'")).isEqualTo(1L);

        CliRunner.Result allowed = run("apply", "--allow-hazards", "deletes_data");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'old_note'")).isEqualTo(0L);
        assertThat(db.value("SELECT count(*) FROM t")).isEqualTo(1L);
    }

    @Test
    void historyTableInASchemaOfItsOwnIsLeftAlone() throws IOException {
        write("init.sql", "CREATE TABLE t (id int);");
        CliRunner.Result apply = run("apply", "--history-table", "ops.history");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(db.value("SELECT count(*) FROM ops.history")).isEqualTo(1L);

        CliRunner.Result again = run("plan", "--history-table", "ops.history");
        assertThat(again.out()).as(again.all()).contains("nothing to do");
    }

    @Test
    void unknownHazardKindIsBadUsage() throws IOException {
        write("init.sql", "CREATE TABLE t (id int);");
        CliRunner.Result r = run("apply", "--allow-hazards", "DELETES_EVERYTHING");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown hazard kind \"DELETES_EVERYTHING\"");
    }

    @Test
    void brokenSchemaFileIsBadInputWithFileAndLine() throws IOException {
        write("init.sql", """
                CREATE TABLE a (id int);

                CREATE TABLE b (
                    id intgr NOT NULL
                );
                """);
        CliRunner.Result r = run("apply", "--allow-hazards", "DELETES_DATA");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("init.sql:4:").contains("type \"intgr\" does not exist");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void planLeavesNoThrowawayDatabaseOrRoleBehind() throws IOException {
        // The file is built on a second thread while the target is read, and its database dropped while the plan
        // is made: all of it is gone when the command returns, whether the plan succeeded or the file failed.
        db.execute("CREATE TABLE a (id int PRIMARY KEY);");
        write("init.sql", "CREATE TABLE a (id int PRIMARY KEY, note text);\n");
        CliRunner.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("ALTER TABLE public.a ADD COLUMN note text");
        assertThat(leftovers()).isZero();

        write("broken.sql", "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id intgr);\n");
        CliRunner.Result broken = run("plan", "--schema-file", "broken.sql");
        assertThat(broken.exitCode()).as(broken.all()).isEqualTo(2);
        assertThat(broken.err()).contains("broken.sql:2:").contains("type \"intgr\" does not exist");
        assertThat(leftovers()).isZero();
    }

    @Test
    void misplacedRenameHintIsBadInputAfterTheFileIsBuilt() throws IOException {
        // The hints are read while the file is built: an error of the file itself is still the one reported first.
        db.execute("CREATE TABLE a (id int PRIMARY KEY);");
        write("init.sql", "CREATE TABLE a (id int PRIMARY KEY);\n-- schemata:renamed-from a\nCREATE INDEX a_id ON a (id);\n");
        CliRunner.Result hint = run("plan");
        assertThat(hint.exitCode()).as(hint.all()).isEqualTo(2);
        assertThat(hint.err()).contains("init.sql:2").contains("not attached to a CREATE TABLE statement");

        write("init.sql", "CREATE TABLE a (id int PRIMARY KEY);\n-- schemata:renamed-from a\nCREATE INDEX a_id ON nope (id);\n");
        CliRunner.Result both = run("plan");
        assertThat(both.exitCode()).as(both.all()).isEqualTo(2);
        assertThat(both.err()).contains("init.sql:3:").contains("relation \"nope\" does not exist")
                .doesNotContain("renamed-from");
        assertThat(leftovers()).isZero();
    }

    /** The throwaway databases and roles this process made on the server that are still there. */
    private long leftovers() {
        String prefix = "schemata_scratch_" + ProcessHandle.current().pid() + "_%";
        return (Long) db.value("SELECT (SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "')"
                + " + (SELECT count(*) FROM pg_roles WHERE rolname LIKE '" + prefix + "')");
    }

    @Test
    void missingSchemaFileIsBadInput() {
        CliRunner.Result r = run("plan", "--schema-file", "nope.sql");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.sql").contains("no such file");
    }

    @Test
    void renameHintRenamesAndKeepsData() throws IOException {
        db.execute("CREATE TABLE posts (id int PRIMARY KEY, title text); INSERT INTO posts VALUES (1, 'hello');");
        write("init.sql", """
                -- schemata:renamed-from posts
                CREATE TABLE articles (
                    id int PRIMARY KEY,
                    headline text -- schemata:renamed-from title
                );
                """);
        CliRunner.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("ALTER TABLE public.posts RENAME TO articles")
                .contains("RENAME COLUMN title TO headline").doesNotContain("DELETES_DATA");

        CliRunner.Result apply = run("apply", "--allow-hazards", "ACCESS_EXCLUSIVE_LOCK");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(db.value("SELECT headline FROM articles WHERE id = 1")).isEqualTo("hello");
        assertThat(run("plan").out()).contains("nothing to do");
    }

    @Test
    void renameHintThatCannotBeHonouredIsBadInput() throws IOException {
        db.execute("CREATE TABLE posts (id int PRIMARY KEY, body text);");
        write("init.sql", """
                CREATE TABLE posts (
                    id int PRIMARY KEY,
                    headline text -- schemata:renamed-from title
                );
                """);
        CliRunner.Result r = run("plan");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("init.sql:3").contains("has no column title");
    }

    @Test
    void diffBetweenDirectoryAndFile() throws IOException {
        write("migrations/001_init.sql", "CREATE TABLE t (id int);");
        write("init.sql", "CREATE TABLE t (id int, name text);");

        CliRunner.Result r = run("diff", "--from", "dir:migrations", "--to", "file:init.sql");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("ALTER TABLE public.t ADD COLUMN name text;").doesNotContain("schema_migrations");

        CliRunner.Result same = run("diff", "--from", "file:init.sql", "--to", "file:init.sql");
        assertThat(same.out()).contains("-- the two schemas are equal");

        CliRunner.Result bad = run("diff", "--from", "ftp:x", "--to", "file:init.sql");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void generateWritesTheMigrationAndDriftIsCleanAfterwards() throws IOException {
        Path example = Path.of("..", "examples", "news-analytics");
        copy(example.resolve("migrations"), dir.resolve("migrations"));
        Files.copy(example.resolve("init.sql"), dir.resolve("init.sql"));

        CliRunner.Result clean = cli.run("drift");
        assertThat(clean.exitCode()).as(clean.all()).isZero();

        Files.writeString(dir.resolve("init.sql"), Files.readString(dir.resolve("init.sql"))
                + "\nCREATE INDEX idx_users_display_name ON users (display_name);\n");
        CliRunner.Result drift = cli.run("drift");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(1);
        assertThat(drift.out()).contains("The migrations and the schema file define different schemas")
                .contains("CREATE INDEX idx_users_display_name");

        CliRunner.Result generate = cli.run("generate", "add display name index");
        assertThat(generate.exitCode()).as(generate.all()).isZero();
        Path written = dir.resolve("migrations/005_add_display_name_index.sql");
        assertThat(Files.readString(written)).contains("-- hazard INDEX_BUILD:")
                .contains("CREATE INDEX idx_users_display_name ON public.users");

        CliRunner.Result after = cli.run("drift", "--json");
        assertThat(after.exitCode()).as(after.all()).isZero();
        assertThat(cli.run("generate", "again").out()).contains("nothing to generate");
    }

    @Test
    void driftFindsAManualChangeInTheDatabase() throws IOException {
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY);");
        assertThat(run("migrate").exitCode()).isZero();
        assertThat(run("drift").exitCode()).isZero();

        db.execute("ALTER TABLE t ADD COLUMN sneaky text");
        CliRunner.Result r = run("drift", "--json");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("\"check\": \"database-vs-history\"").contains("DROP COLUMN sneaky");
    }

    @Test
    @SuppressWarnings("unchecked")
    void driftComparesADatabaseBuiltFromTheSchemaFileWithTheFile() throws IOException {
        write("init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
        CliRunner.Result reset = run("reset", "--from-schema-file");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        CliRunner.Result clean = run("drift");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.out()).contains("No drift: ").contains(" matches init.sql");

        db.execute("ALTER TABLE t ADD COLUMN sneaky text");
        CliRunner.Result r = run("drift", "--json");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        assertThat(json.get("reference")).isEqualTo("init.sql");
        assertThat(r.out()).contains("DROP COLUMN sneaky");

        // Without any history (built by hand, or by an older reset) the schema file is still the reference.
        db.execute("DROP TABLE schema_migrations");
        CliRunner.Result noHistory = run("drift");
        assertThat(noHistory.exitCode()).as(noHistory.all()).isEqualTo(1);
        assertThat(noHistory.out()).contains("differs from init.sql").contains("DROP COLUMN sneaky");
    }

    @Test
    @SuppressWarnings("unchecked")
    void driftNamesTheMigrationsAsTheReferenceAndNeverSaysNoDriftUnchecked() throws IOException {
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY);");
        assertThat(run("migrate").exitCode()).isZero();
        CliRunner.Result clean = run("drift", "--json");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        Map<String, Object> json = (Map<String, Object>) Json.parse(clean.out());
        assertThat((String) json.get("reference")).endsWith("migrations up to version 001");

        Files.delete(dir.resolve("migrations/001_init.sql"));
        Files.delete(dir.resolve("migrations"));
        CliRunner.Result none = run("drift");
        assertThat(none.exitCode()).as(none.all()).isEqualTo(2);
        assertThat(none.err()).contains("nothing to compare");
        assertThat(none.out()).doesNotContain("No drift");

        write("init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
        CliRunner.Result fileOnly = cli.run("drift");
        assertThat(fileOnly.exitCode()).as(fileOnly.all()).isEqualTo(2);
        assertThat(fileOnly.err()).contains("nothing was compared");
    }

    @Test
    void dumpSchemaRebuildsAnEqualSchema(TestCluster cluster) throws IOException {
        db.execute("""
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                CREATE TABLE t (id serial PRIMARY KEY, m mood NOT NULL DEFAULT 'ok', note text);
                CREATE VIEW v AS SELECT id, m FROM t;
                COMMENT ON TABLE t IS 'things';
                """);
        CliRunner.Result dump = run("dump-schema", "-o", "dump.sql");
        assertThat(dump.exitCode()).as(dump.all()).isZero();

        TestDatabase empty = cluster.newDatabase();
        CliRunner.Result check = cli.run("diff", "--from", "file:dump.sql", "--to", "db:" + db.url());
        assertThat(check.out()).as(check.all()).contains("-- the two schemas are equal");
        CliRunner.Result rebuild = cli.run("apply", "--schema-file", "dump.sql", "--url", empty.url());
        assertThat(rebuild.exitCode()).as(rebuild.all()).isZero();
        assertThat(cli.run("diff", "--from", "db:" + empty.url(), "--to", "db:" + db.url()).out())
                .contains("-- the two schemas are equal");
    }

    @Test
    void onlinePlanBuildsConcurrentlyAndALockTimeoutIsExitFour() throws Exception {
        db.execute("CREATE TABLE t (id int, n int); INSERT INTO t VALUES (1, 1);");
        write("init.sql", "CREATE TABLE t (id int, n int NOT NULL); CREATE INDEX t_id ON t (id);");

        CliRunner.Result plan = run("plan", "--online");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("CREATE INDEX CONCURRENTLY t_id").contains("(runs outside a transaction)")
                .contains("CHECK (n IS NOT NULL) NOT VALID").contains("(lock_timeout 3000ms)");

        try (java.sql.Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            CliRunner.Result blocked = run("apply", "--online", "--lock-timeout", "200ms", "--allow-hazards", "INDEX_BUILD");
            assertThat(blocked.exitCode()).as(blocked.all()).isEqualTo(4);
            assertThat(blocked.err()).contains("lock timeout");
            holder.rollback();
        }
        CliRunner.Result apply = run("apply", "--online", "--allow-hazards", "INDEX_BUILD");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(run("plan").out()).contains("nothing to do");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
