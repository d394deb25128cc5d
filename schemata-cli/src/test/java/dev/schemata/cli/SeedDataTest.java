package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.migration.Checksum;
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
 * The rows an {@code init.sql} writes: run as written on a database with nothing of its own, carried into
 * plans and generated migrations for the tables they create, and listed as not applied for tables that
 * exist already, never dropped without a word.
 */
@ExtendWith(PostgresExtension.class)
class SeedDataTest {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(CliRunner.Result result) {
        return (Map<String, Object>) Json.parse(result.out());
    }

    @Test
    void applyOnAnEmptyDatabaseRunsTheFileAsWrittenAndRecordsIt() throws IOException {
        write("init.sql", """
                CREATE TABLE roles (id int PRIMARY KEY, name text NOT NULL UNIQUE);
                INSERT INTO roles VALUES (1, 'admin'), (2, 'member');
                CREATE TABLE users (id bigserial PRIMARY KEY, role_id int NOT NULL REFERENCES roles, email text NOT NULL);
                COPY users (id, role_id, email) FROM stdin;
                1	1	Root@Example.com
                \\.
                SELECT setval('users_id_seq', 1);
                CREATE FUNCTION lower_email() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.email := lower(NEW.email); RETURN NEW; END $$;
                CREATE TRIGGER users_lower_email BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION lower_email();
                INSERT INTO users (role_id, email) VALUES (2, 'Ann@Example.com');
                DO $$ BEGIN INSERT INTO roles VALUES (3, 'guest'); END $$;
                """);

        CliRunner.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("apply runs the schema file as written").contains("INSERT INTO roles VALUES");
        assertThat(json(run("plan", "--json")).get("asWritten")).isEqualTo(true);
        assertThat(db.tables()).isEmpty();

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("run as written");
        // Rows, sequence and trigger as the file has them, in its order: the trigger fired for Ann's row only.
        assertThat(db.query("SELECT id, name FROM roles ORDER BY id")).extracting(r -> r.get("name"))
                .containsExactly("admin", "member", "guest");
        assertThat(db.query("SELECT id, email FROM users ORDER BY id")).extracting(r -> r.get("id") + " " + r.get("email"))
                .containsExactly("1 Root@Example.com", "2 ann@example.com");
        assertThat(db.query("SELECT kind, checksum, success FROM schema_migrations")).singleElement().satisfies(row -> {
            assertThat(row.get("kind")).isEqualTo("declarative");
            assertThat(row.get("checksum")).isEqualTo(Checksum.of(dir.resolve("init.sql")));
            assertThat(row.get("success")).isEqualTo(true);
        });

        // Now the database has objects of its own: the schema is in sync, and the data is not run again.
        CliRunner.Result again = run("plan");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("nothing to do");
        assertThat(again.err()).contains("init.sql:2: INSERT INTO roles").contains("exists already");
        assertThat(run("apply").exitCode()).isZero();
        assertThat(db.value("SELECT count(*) FROM roles")).isEqualTo(3L);
    }

    @Test
    void aFailureWhileRunningTheFileAsWrittenLeavesTheDatabaseAsItWas() throws IOException {
        // Runs on the throwaway database, fails on the target: the whole file is one transaction there.
        write("init.sql", """
                CREATE TABLE roles (id int PRIMARY KEY);
                INSERT INTO roles VALUES (1);
                DO $$ BEGIN
                    IF current_database() = '%s' THEN RAISE EXCEPTION 'not on this database'; END IF;
                END $$;
                """.formatted(db.name()));

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(1);
        assertThat(apply.err()).contains("init.sql:3").contains("not on this database").contains("nothing was changed");
        assertThat(db.tables()).doesNotContain("roles");
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'").equals(0L)
                || db.value("SELECT count(*) FROM schema_migrations").equals(0L)).isTrue();
    }

    @Test
    void aRollbackInTheFileIsRefusedBeforeTheDatabaseIsTouched() throws IOException {
        write("init.sql", """
                CREATE TABLE kept (id int);
                BEGIN;
                INSERT INTO kept VALUES (1);
                ROLLBACK;
                """);
        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
        assertThat(apply.err()).contains("init.sql:4: ROLLBACK would undo part of the schema file");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void applyCarriesDataForCreatedTablesAndListsDataForExistingOnes() throws IOException {
        db.execute("CREATE TABLE settings (key text PRIMARY KEY, value text); INSERT INTO settings VALUES ('theme', 'dark');");
        write("init.sql", """
                CREATE TABLE settings (key text PRIMARY KEY, value text);
                INSERT INTO settings VALUES ('theme', 'light'), ('lang', 'en');
                CREATE SCHEMA app;
                SET search_path = app, public;
                CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
                CREATE TABLE cities (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                                     country text NOT NULL REFERENCES countries, name text NOT NULL);
                INSERT INTO countries VALUES ('fr', 'France');
                COPY cities (id, country, name) FROM stdin;
                1	fr	Paris
                2	fr	Lyon
                \\.
                INSERT INTO countries VALUES ('fr', 'France') ON CONFLICT (code) DO NOTHING;
                UPDATE settings SET value = 'x' WHERE key = 'theme';
                SELECT setval(pg_get_serial_sequence('app.cities', 'id'), 10);
                """);

        CliRunner.Result plan = run("plan", "--json");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        Map<String, Object> json = json(plan);
        assertThat(json.get("asWritten")).isEqualTo(false);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
        assertThat(steps).filteredOn(s -> s.get("origin") != null).extracting(s -> s.get("origin"))
                .containsExactly("init.sql:4", "init.sql:8", "init.sql:9", "init.sql:13", "init.sql:15", "init.sql");
        List<Map<String, Object>> notApplied = (List<Map<String, Object>>) json.get("notApplied");
        assertThat(notApplied).extracting(n -> n.get("origin")).containsExactly("init.sql:2", "init.sql:14");
        assertThat(notApplied.get(0).get("reason").toString()).contains("public.settings, which exists already");

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.err()).contains("2 data statements of the schema file are not applied")
                .contains("init.sql:2: INSERT INTO settings").contains("init.sql:14: UPDATE settings");
        assertThat(db.query("SELECT code FROM app.countries")).extracting(r -> r.get("code")).containsExactly("fr");
        assertThat(db.query("SELECT name FROM app.cities ORDER BY id")).extracting(r -> r.get("name"))
                .containsExactly("Paris", "Lyon");
        assertThat(db.query("SELECT key, value FROM settings")).extracting(r -> r.get("key") + "=" + r.get("value"))
                .containsExactly("theme=dark");
        db.execute("INSERT INTO app.cities (country, name) VALUES ('fr', 'Nice')");
        assertThat(db.value("SELECT id FROM app.cities WHERE name = 'Nice'")).isEqualTo(11);
        assertThat(db.value("SELECT kind FROM schema_migrations ORDER BY id DESC LIMIT 1")).isEqualTo("declarative");

        CliRunner.Result again = run("plan");
        assertThat(again.out()).as(again.all()).contains("nothing to do");
    }

    @Test
    void aNewEnumLabelIsCommittedBeforeTheFileUsesIt() throws IOException {
        write("init.sql", """
                CREATE TYPE mood AS ENUM ('sad');
                ALTER TYPE mood ADD VALUE 'happy';
                CREATE TABLE t (m mood NOT NULL);
                INSERT INTO t VALUES ('happy');
                """);
        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(db.value("SELECT m::text FROM t")).isEqualTo("happy");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE kind = 'declarative'")).isEqualTo(1L);
    }

    @Test
    void whatEachDataStatementWritesIsReadFromItsText() throws IOException {
        db.execute("CREATE TABLE audit (id int PRIMARY KEY, note text); INSERT INTO audit VALUES (1, 'keep');");
        write("init.sql", """
                CREATE TABLE audit (id int PRIMARY KEY, note text);
                CREATE TABLE "Odd Table" (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int NOT NULL DEFAULT 0);
                INSERT INTO "Odd Table" DEFAULT VALUES ON CONFLICT (id) DO UPDATE SET n = 5;
                MERGE INTO public."Odd Table" o USING (VALUES (1)) v(id) ON o.id = v.id
                    WHEN MATCHED THEN UPDATE SET n = o.n + 1;
                SELECT setval('"Odd Table_id_seq"', 41);
                WITH moved AS (DELETE FROM "Odd Table" WHERE false RETURNING id) INSERT INTO audit SELECT id, 'x' FROM moved;
                DO $$ BEGIN INSERT INTO audit VALUES (99, 'do'); END $$;
                TRUNCATE audit;
                CREATE TABLE snapshot AS SELECT 1 AS one;
                """);

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.err()).contains("4 data statements of the schema file are not applied")
                .contains("init.sql:7: WITH moved").contains("init.sql:8: DO").contains("init.sql:9: TRUNCATE audit")
                .contains("init.sql:10: CREATE TABLE snapshot AS").contains("without the rows of its query");
        assertThat(db.value("SELECT count(*) FROM snapshot")).isEqualTo(0L);
        assertThat(db.value("SELECT n FROM \"Odd Table\" WHERE id = 1")).isEqualTo(1);
        db.execute("INSERT INTO \"Odd Table\" DEFAULT VALUES");
        assertThat(db.value("SELECT max(id) FROM \"Odd Table\"")).isEqualTo(42);
        assertThat(db.query("SELECT id, note FROM audit")).extracting(r -> r.get("id") + " " + r.get("note"))
                .containsExactly("1 keep");
    }

    @Test
    void rowsWrittenBeforeTheFileCreatesATriggerAreNotRunWithThatTrigger() throws IOException {
        db.execute("CREATE TABLE other (id int)");
        write("init.sql", """
                CREATE TABLE other (id int);
                CREATE TABLE accounts (name text PRIMARY KEY, secret text NOT NULL);
                INSERT INTO accounts VALUES ('admin', 'already-hashed');
                CREATE FUNCTION hash_secret() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.secret := md5(NEW.secret); RETURN NEW; END $$;
                CREATE TRIGGER accounts_hash BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION hash_secret();
                INSERT INTO accounts VALUES ('guest', 'plain');
                """);

        CliRunner.Result apply = run("apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.err()).contains("init.sql:3: INSERT INTO accounts").contains("trigger accounts_hash");
        // The admin row is listed, not hashed a second time; the guest row went through the trigger as in the file.
        assertThat(db.query("SELECT name, secret = md5('plain') AS hashed FROM accounts"))
                .extracting(r -> r.get("name") + " " + r.get("hashed")).containsExactly("guest true");
    }

    @Test
    void generateCarriesDataForCreatedTablesIntoTheMigration() throws IOException {
        write("migrations/001_settings.sql", "CREATE TABLE settings (key text PRIMARY KEY, value text);\n");
        write("init.sql", """
                CREATE TABLE settings (key text PRIMARY KEY, value text);
                INSERT INTO settings VALUES ('theme', 'light');
                CREATE TABLE plans (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO plans VALUES (1, 'free'), (2, 'pro');
                """);

        CliRunner.Result generate = cli.run("generate", "add plans");
        assertThat(generate.exitCode()).as(generate.all()).isZero();
        assertThat(generate.err()).contains("init.sql:2: INSERT INTO settings");
        String migration = Files.readString(dir.resolve("migrations/002_add_plans.sql"));
        assertThat(migration).contains("-- Not carried from init.sql").contains("--   init.sql:2: INSERT INTO settings");
        assertThat(migration.indexOf("INSERT INTO plans VALUES")).isGreaterThan(migration.indexOf("CREATE TABLE public.plans"));

        CliRunner.Result migrate = run("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(db.query("SELECT name FROM plans ORDER BY id")).extracting(r -> r.get("name")).containsExactly("free", "pro");
        assertThat(db.value("SELECT count(*) FROM settings")).isEqualTo(0L);
        assertThat(cli.run("drift").exitCode()).isZero();
    }
}
