package dev.schemata.cli;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code squash} as a user runs it: the baseline replaces the migrations up to V on new databases, counts as
 * applied on databases migrated before the squash, and is refused, with what to do, on databases stopped
 * part-way below V.
 */
@ExtendWith(PostgresExtension.class)
class SquashCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private TestCluster cluster;

    @BeforeEach
    void setUp(TestCluster cluster) throws IOException {
        this.cluster = cluster;
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
        write("migrations/001_users.sql", "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);\n");
        write("migrations/001_users.down.sql", "DROP TABLE users;\n");
        write("migrations/002_roles.sql", """
                CREATE TABLE roles (id serial PRIMARY KEY, name text NOT NULL);
                CREATE TABLE role_log (role_id int, note text);
                CREATE FUNCTION log_role() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN INSERT INTO role_log VALUES (NEW.id, 'created'); RETURN NEW; END $$;
                CREATE TRIGGER roles_log AFTER INSERT ON roles FOR EACH ROW EXECUTE FUNCTION log_role();
                INSERT INTO roles (name) VALUES ('admin'), ('member');
                """);
        write("migrations/003_user_roles.sql", """
                ALTER TABLE users ADD COLUMN role_id int REFERENCES roles;
                INSERT INTO users (email, role_id) VALUES ('root@example.org', 1);
                """);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CliRunner.Result run(TestDatabase db, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = db.url();
        return cli.run(all);
    }

    @Test
    void squashedBaselineServesOldNewAndBehindDatabases() throws IOException {
        TestDatabase old = cluster.newDatabase();
        TestDatabase behind = cluster.newDatabase();
        assertThat(run(old, "migrate").exitCode()).isZero();
        assertThat(run(behind, "migrate", "--target", "001").exitCode()).isZero();

        CliRunner.Result squash = run(old, "squash", "--to", "003");
        assertThat(squash.exitCode()).as(squash.all()).isZero();
        assertThat(squash.out()).contains("Wrote migrations/003_squashed_baseline.sql").contains("5 row(s) in 3 table(s)")
                .contains("migrations/.squashed-to-003");
        assertThat(dir.resolve("migrations/003_squashed_baseline.sql")).exists();
        assertThat(dir.resolve("migrations/001_users.sql")).doesNotExist();
        assertThat(dir.resolve("migrations/.squashed-to-003/001_users.sql")).exists();
        assertThat(dir.resolve("migrations/.squashed-to-003/001_users.down.sql")).exists();
        assertThat(dir.resolve("migrations/.squashed-to-003/003_user_roles.sql")).exists();
        write("migrations/004_user_names.sql", "ALTER TABLE users ADD COLUMN name text;\n");

        // Migrated before the squash: the baseline counts as applied, the later migration applies.
        CliRunner.Result status = run(old, "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("squashed").doesNotContain("missing_file");
        CliRunner.Result validate = run(old, "validate");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(status.out()).containsPattern("004.*pending");
        CliRunner.Result migrateOld = run(old, "migrate");
        assertThat(migrateOld.exitCode()).as(migrateOld.all()).isZero();
        assertThat(migrateOld.err()).contains("applied 004").doesNotContain("squashed baseline (");
        assertThat(run(old, "validate").exitCode()).isZero();
        assertThat(old.value("SELECT count(*) FROM roles")).isEqualTo(2L);

        // A new database runs the baseline instead of 001 to 003: same rows, sequences where they stood,
        // triggers kept but not fired twice by the loaded rows.
        TestDatabase fresh = cluster.newDatabase();
        CliRunner.Result migrateFresh = run(fresh, "migrate");
        assertThat(migrateFresh.exitCode()).as(migrateFresh.all()).isZero();
        assertThat(fresh.value("SELECT string_agg(name, ',' ORDER BY id) FROM roles")).isEqualTo("admin,member");
        assertThat(fresh.value("SELECT count(*) FROM role_log")).isEqualTo(2L);
        assertThat(fresh.value("SELECT email FROM users WHERE role_id = 1")).isEqualTo("root@example.org");
        fresh.execute("INSERT INTO roles (name) VALUES ('guest')");
        assertThat(fresh.value("SELECT id FROM roles WHERE name = 'guest'")).isEqualTo(3);
        assertThat(fresh.value("SELECT count(*) FROM role_log")).isEqualTo(3L);
        assertThat(run(fresh, "validate").exitCode()).isZero();
        CliRunner.Result lint = cli.run("lint");
        assertThat(lint.exitCode()).as(lint.all()).isZero();
        CliRunner.Result same = cli.run("diff", "--from", "db:" + old.url(), "--to", "db:" + fresh.url());
        assertThat(same.exitCode()).as(same.all()).isZero();
        assertThat(same.out()).contains("the two schemas are equal");

        // Stopped below 003: refused, with the way out, and nothing changed.
        CliRunner.Result refused = run(behind, "migrate");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("003_squashed_baseline.sql is a squashed baseline")
                .contains("--dir <migrations>/.squashed-to-003 --target 003");
        assertThat(behind.tables()).contains("users").doesNotContain("roles");
        assertThat(run(behind, "validate").exitCode()).isEqualTo(1);
        CliRunner.Result catchUp = run(behind, "migrate", "--dir", "migrations/.squashed-to-003", "--target", "003");
        assertThat(catchUp.exitCode()).as(catchUp.all()).isZero();
        CliRunner.Result rest = run(behind, "migrate");
        assertThat(rest.exitCode()).as(rest.all()).isZero();
        assertThat(run(behind, "validate").exitCode()).isZero();
    }

    @Test
    void squashingAgainKeepsDatabasesFromBeforeTheFirstSquash() throws IOException {
        TestDatabase old = cluster.newDatabase();
        assertThat(run(old, "migrate").exitCode()).isZero();
        assertThat(run(old, "squash", "--to", "002").exitCode()).isZero();
        TestDatabase middle = cluster.newDatabase();
        assertThat(run(middle, "migrate").exitCode()).isZero();
        write("migrations/004_user_names.sql", "ALTER TABLE users ADD COLUMN name text;\n");

        CliRunner.Result again = run(old, "squash", "--to", "003");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(dir.resolve("migrations/.squashed-to-003/002_squashed_baseline.sql")).exists();
        assertThat(Files.readString(dir.resolve("migrations/003_squashed_baseline.sql")))
                .contains("schemata:squashed 001 ").contains("schemata:squashed 002 ").contains("002_squashed_baseline.sql");
        for (TestDatabase db : new TestDatabase[]{old, middle}) {
            CliRunner.Result migrate = run(db, "migrate");
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(migrate.err()).contains("applied 004");
            CliRunner.Result validate = run(db, "validate");
            assertThat(validate.exitCode()).as(validate.all()).isZero();
        }
    }

    @Test
    void dryRunShowsTheBaselineAndTheMovesAndChangesNothing() {
        TestDatabase db = cluster.newDatabase();
        CliRunner.Result dry = run(db, "squash", "--to", "2", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("-- schemata:squashed 001 ").contains("-- schemata:squashed 002 ")
                .contains("CREATE TABLE public.roles").contains("COPY public.roles (id, name) FROM stdin;")
                .doesNotContain("003_user_roles");
        assertThat(dry.err()).contains("Dry run: nothing was written or moved").contains("migrations/002_roles.sql");
        assertThat(dir.resolve("migrations/001_users.sql")).exists();
        assertThat(dir.resolve("migrations/002_squashed_baseline.sql")).doesNotExist();
        assertThat(dir.resolve("migrations/.squashed-to-002")).doesNotExist();
    }

    @Test
    void unsupportedObjectsStopTheSquashUnlessAllowed() throws IOException {
        write("migrations/003_user_roles.sql", "CREATE RULE roles_keep AS ON DELETE TO roles DO INSTEAD NOTHING;\n");
        TestDatabase db = cluster.newDatabase();
        CliRunner.Result refused = run(db, "squash", "--to", "003");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("roles_keep");
        assertThat(dir.resolve("migrations/001_users.sql")).exists();
        assertThat(dir.resolve("migrations/003_squashed_baseline.sql")).doesNotExist();
    }

    @Test
    void anExistingArchiveFolderIsNeverMixedInto() throws IOException {
        write("migrations/.squashed-to-003/notes.txt", "kept by hand\n");
        TestDatabase db = cluster.newDatabase();
        CliRunner.Result r = run(db, "squash", "--to", "003");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(".squashed-to-003 already exists");
        assertThat(dir.resolve("migrations/001_users.sql")).exists();
        assertThat(dir.resolve("migrations/003_squashed_baseline.sql")).doesNotExist();
    }

    @Test
    void anEditedBaselineIsAChangedFileOnEveryDatabase() throws IOException {
        TestDatabase old = cluster.newDatabase();
        assertThat(run(old, "migrate").exitCode()).isZero();
        assertThat(run(old, "squash", "--to", "003").exitCode()).isZero();
        TestDatabase fresh = cluster.newDatabase();
        assertThat(run(fresh, "migrate").exitCode()).isZero();
        Path baseline = dir.resolve("migrations/003_squashed_baseline.sql");
        Files.writeString(baseline, Files.readString(baseline) + "CREATE TABLE extra (id int);\n");

        CliRunner.Result onFresh = run(fresh, "validate");
        assertThat(onFresh.exitCode()).as(onFresh.all()).isEqualTo(1);
        assertThat(onFresh.all()).contains("003_squashed_baseline.sql: changed since it was applied");
        // On a database from before the squash the baseline's own checksum was never recorded: it still counts
        // as the replaced migrations applied.
        assertThat(run(old, "validate").exitCode()).isZero();
    }

    @Test
    void theBaselineFollowsTheDirectorysNamingStyle() throws IOException {
        Path flyway = dir.resolve("flyway");
        Files.createDirectories(flyway);
        Files.writeString(flyway.resolve("V1__users.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(flyway.resolve("V1.1__emails.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        Files.writeString(flyway.resolve("V2__names.sql"), "ALTER TABLE users ADD COLUMN name text;\n");
        TestDatabase db = cluster.newDatabase();
        CliRunner.Result r = run(db, "squash", "--to", "1.1", "--dir", "flyway");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(flyway.resolve("V1.1__squashed_baseline.sql")).exists();
        assertThat(flyway.resolve(".squashed-to-1.1/V1__users.sql")).exists();
        CliRunner.Result migrate = run(db, "migrate", "--dir", "flyway");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'")).isEqualTo(3L);
    }

    @Test
    void unknownVersionIsBadUsage() {
        TestDatabase db = cluster.newDatabase();
        CliRunner.Result r = run(db, "squash", "--to", "7");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no migration has version 7").contains("from 001 to 003");
        assertThat(dir.resolve("migrations/001_users.sql")).exists();
    }
}
