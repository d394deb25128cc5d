package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check-models and generate --from-models as a user runs them: SQLAlchemy models (a test resource printing
 * their DDL through create_mock_engine) against a database they match and against one difference seeded per
 * compared property; DDL files against a schema file and a migrations directory; bad commands and bad DDL.
 */
@ExtendWith(PostgresExtension.class)
class CheckModelsCommandTest {
    /** The database the models were written for; constraint and index names differ from SQLAlchemy's on purpose. */
    private static final String REFERENCE = """
            CREATE TYPE order_status AS ENUM ('new', 'paid');
            CREATE TABLE users (id serial PRIMARY KEY, email varchar(200) NOT NULL CONSTRAINT users_email_unique UNIQUE,
                name varchar(100), active boolean NOT NULL DEFAULT true, created_at timestamp, country char(2) NOT NULL);
            CREATE TABLE tags (name text NOT NULL, label text);
            CREATE TABLE orders (id serial CONSTRAINT orders_pk PRIMARY KEY,
                user_id integer NOT NULL CONSTRAINT orders_user_fk REFERENCES users (id) ON DELETE CASCADE,
                total numeric(10,2) NOT NULL, status order_status NOT NULL, note text);
            CREATE INDEX orders_by_user ON orders (user_id);
            """;

    /** Every difference the "differ" models seed, as subject [kind] → severity. */
    private static final Map<String, String> SEEDED = new TreeMap<>(Map.ofEntries(
            Map.entry("public.users.email [nullability]", "error"),
            Map.entry("public.users.name [type]", "error"),
            Map.entry("public.users.name [missing-unique]", "warning"),
            Map.entry("public.users.active [default]", "warning"),
            Map.entry("public.users.created_at [nullability]", "warning"),
            Map.entry("public.users.country [extra-column]", "error"),
            Map.entry("public.users.nickname [missing-column]", "error"),
            Map.entry("public.orders.user_id [foreign-key-action]", "error"),
            Map.entry("public.orders.total [type]", "error"),
            Map.entry("public.orders.note [extra-column]", "info"),
            Map.entry("public.orders [missing-index]", "warning"),
            Map.entry("public.order_status [enum-values]", "error"),
            Map.entry("public.tags [primary-key]", "error"),
            Map.entry("public.products [missing-table]", "error")));

    @TempDir
    Path dir;

    private CliRunner cli;
    private TestDatabase db;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) {
        this.db = db;
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
    }

    private CliRunner.Result run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--url", db.url())).toArray(String[]::new);
        return cli.run(all);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The command that prints the models' DDL, with an interpreter that has SQLAlchemy; skips the test without one. */
    private String sqlalchemyModels(String variant) throws IOException {
        String python = Stream.of("python3", "/usr/bin/python3").filter(CheckModelsCommandTest::hasSqlalchemy).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(python != null, "python3 with SQLAlchemy is not installed (Debian: apt-get install python3-sqlalchemy)");
        try (InputStream in = getClass().getResourceAsStream("/models/sqlalchemy_models.py")) {
            Files.write(dir.resolve("sqlalchemy_models.py"), in.readAllBytes());
        }
        return python + " sqlalchemy_models.py" + (variant.isEmpty() ? "" : " " + variant);
    }

    private static boolean hasSqlalchemy(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sqlalchemy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> findings(CliRunner.Result result) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(result.out());
        return ((List<Map<String, Object>>) json.get("findings")).stream().collect(Collectors.toMap(
                f -> f.get("table") + (f.get("column") == null ? "" : "." + f.get("column")) + " [" + f.get("kind") + "]",
                f -> (String) f.get("severity"), (a, b) -> a + "," + b, TreeMap::new));
    }

    @Test
    void sqlalchemyModelsThatMatchTheDatabaseReportNothing() throws IOException {
        String command = sqlalchemyModels("");
        db.execute(REFERENCE);

        CliRunner.Result result = run("check-models", "--models-ddl-command", command);
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("The models match");
        assertThat(result.err()).doesNotContain("not compared");

        CliRunner.Result json = run("check-models", "--models-ddl-command", command, "--json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(findings(json)).isEmpty();
    }

    @Test
    void everySeededDifferenceIsFoundInOneRun() throws IOException {
        String command = sqlalchemyModels("differ");
        db.execute(REFERENCE);

        CliRunner.Result json = run("check-models", "--models-ddl-command", command, "--json");
        assertThat(json.exitCode()).as(json.all()).isEqualTo(1);
        assertThat(findings(json)).isEqualTo(SEEDED);

        CliRunner.Result human = run("check-models", "--models-ddl-command", command);
        assertThat(human.exitCode()).as(human.all()).isEqualTo(1);
        assertThat(human.out())
                .contains("error public.users.name [type]")
                .contains("models: character varying(150); database: character varying(100)")
                .contains("9 errors, 4 warnings, 1 info");
        // The check reads the database and changes nothing.
        assertThat(db.tables()).containsExactlyInAnyOrder("users", "tags", "orders");
    }

    @Test
    void ignoredColumnsAndTablesAreLeftOutAndCounted() throws IOException {
        String command = sqlalchemyModels("differ");
        db.execute(REFERENCE);

        CliRunner.Result result = run("check-models", "--models-ddl-command", command, "--json",
                "--ignore", "users.email,public.users.name,users.country,orders.user_id,orders.total,public.order_status,tags,"
                        + "products,users.nickname,no_such.column");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(findings(result)).containsOnlyKeys("public.users.active [default]", "public.users.created_at [nullability]",
                "public.orders.note [extra-column]", "public.orders [missing-index]");
        assertThat(result.out()).contains("\"ignored\": 10").contains("no_such.column");
    }

    /** SARIF 2.1.0 for code scanning: one result per finding, each at its line of the user's DDL file. */
    @Test
    @SuppressWarnings("unchecked")
    void sarifPointsAtTheLinesOfTheModelsDdl() throws IOException {
        db.execute(REFERENCE);
        write("models.sql", """
                CREATE TABLE users (
                    id serial PRIMARY KEY,
                    email varchar(200) NOT NULL UNIQUE,
                    name varchar(150),
                    active boolean NOT NULL DEFAULT true,
                    created_at timestamp NOT NULL,
                    country char(2) NOT NULL
                );

                CREATE TABLE products (id serial PRIMARY KEY);
                """);
        CliRunner.Result json = run("check-models", "--models-ddl", "models.sql", "--json");
        CliRunner.Result result = run("check-models", "--models-ddl", "models.sql", "--format", "sarif");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        Map<String, Object> log = (Map<String, Object>) Json.parse(result.out());
        assertThat(log).containsEntry("version", "2.1.0").containsKey("$schema");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) log.get("runs");
        assertThat(runs).hasSize(1);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) runs.get(0).get("tool")).get("driver");
        assertThat(driver).containsEntry("name", "schemata");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        List<Map<String, Object>> results = (List<Map<String, Object>>) runs.get(0).get("results");
        assertThat(results).hasSize(findings(json).size());
        assertThat(rules.stream().map(r -> r.get("id")).distinct().count()).isEqualTo(rules.size());
        Map<String, Integer> lines = new TreeMap<>();
        for (Map<String, Object> r : results) {
            int index = ((Number) r.get("ruleIndex")).intValue();
            assertThat(rules.get(index).get("id")).isEqualTo(r.get("ruleId"));
            assertThat(r.get("level")).isIn("error", "warning", "note");
            String text = (String) ((Map<String, Object>) r.get("message")).get("text");
            assertThat(text).isNotBlank();
            Map<String, Object> location = ((List<Map<String, Object>>) r.get("locations")).get(0);
            Map<String, Object> physical = (Map<String, Object>) location.get("physicalLocation");
            assertThat(location.get("logicalLocations")).asList().isNotEmpty();
            if (physical != null) {
                Map<String, Object> artifact = (Map<String, Object>) physical.get("artifactLocation");
                assertThat(artifact).containsEntry("uri", "models.sql").containsEntry("uriBaseId", "%SRCROOT%");
                Map<String, Object> region = (Map<String, Object>) physical.get("region");
                lines.put(r.get("ruleId") + " " + text.substring(0, text.indexOf(':')),
                        region == null ? 0 : ((Number) region.get("startLine")).intValue());
            }
        }
        assertThat(lines).containsEntry("type public.users.name", 4)
                .containsEntry("nullability public.users.created_at", 6)
                .containsEntry("missing-table public.products", 10)
                .containsEntry("extra-table public.orders", 0);
        assertThat(run("check-models", "--models-ddl", "models.sql", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void suppressionsOfSchemataTomlAddToIgnore() throws IOException {
        String command = sqlalchemyModels("differ");
        db.execute(REFERENCE);
        write("schemata.toml", """
                [models]
                ignore = ["users.email", "public.users.name", "users.country", "orders.user_id", "no_such.column"]

                [environments.ci.models]
                ignore = "orders.total,public.order_status,tags"
                """);

        CliRunner.Result result = run("check-models", "--models-ddl-command", command, "--json", "--env", "ci",
                "--ignore", "products,users.nickname");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(findings(result)).containsOnlyKeys("public.users.active [default]", "public.users.created_at [nullability]",
                "public.orders.note [extra-column]", "public.orders [missing-index]");
        assertThat(result.out()).contains("\"ignored\": 10").contains("no_such.column");

        // Without the environment only the top level's apply.
        CliRunner.Result top = run("check-models", "--models-ddl-command", command, "--json");
        assertThat(top.exitCode()).as(top.all()).isEqualTo(1);
        assertThat(findings(top)).containsKeys("public.orders.total [type]", "public.tags [primary-key]")
                .doesNotContainKeys("public.users.email [nullability]");

        write("schemata.toml", "[models]\nignored = [\"users.email\"]\n");
        CliRunner.Result typo = run("check-models", "--models-ddl-command", command);
        assertThat(typo.exitCode()).as(typo.all()).isEqualTo(2);
        assertThat(typo.err()).contains("schemata.toml:2").contains("unknown key models.ignored");
    }

    @Test
    void generateFromModelsWritesTheMigrationThatMakesTheCheckClean() throws IOException {
        String command = sqlalchemyModels("differ");
        write("migrations/V1__init.sql", REFERENCE);
        write("migrations/V2__audit.sql", "CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);\n");

        CliRunner.Result generated = run("generate", "models_sync", "--from-models", "--models-ddl-command", command);
        assertThat(generated.exitCode()).as(generated.all()).isZero();
        assertThat(generated.out()).contains("Wrote");
        assertThat(generated.all()).contains("left alone, as no model maps them: public.audit_log");
        Path migration;
        try (Stream<Path> files = Files.list(dir.resolve("migrations"))) {
            migration = files.filter(p -> p.getFileName().toString().contains("models_sync")).findFirst().orElseThrow();
        }
        String sql = Files.readString(migration);
        assertThat(sql).contains("nickname").contains("products").doesNotContain("audit_log");

        CliRunner.Result migrate = run("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        CliRunner.Result check = run("check-models", "--models-ddl-command", command, "--json");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(findings(check)).containsOnlyKeys("public.audit_log [extra-table]");

        CliRunner.Result again = run("generate", "models_sync_again", "--from-models", "--models-ddl-command", command);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("nothing to generate");
        CliRunner.Result json = run("generate", "models_sync_again", "--from-models", "--models-ddl-command", command, "--json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.out()).contains("\"generated\": false").contains("\"leftAlone\": [\n    \"public.audit_log\"\n  ]");
    }

    @Test
    void ddlFilesAreCheckedAgainstASchemaFileOrAMigrationsDirectory() throws IOException {
        write("init.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\n");
        write("migrations/V1__notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
        write("models.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, title text);\n");

        CliRunner.Result file = cli.run("check-models", "--models-ddl", "models.sql", "--reference", "file:init.sql",
                "--url", db.url());
        assertThat(file.exitCode()).as(file.all()).isEqualTo(1);
        assertThat(file.out()).contains("error public.notes.title [missing-column]").contains("1 error, 0 warnings, 0 info")
                .contains("init.sql");

        CliRunner.Result migrations = cli.run("check-models", "--models-ddl", "models.sql", "--reference", "dir:migrations",
                "--url", db.url(), "--json");
        assertThat(migrations.exitCode()).as(migrations.all()).isEqualTo(1);
        assertThat(findings(migrations)).isEqualTo(Map.of("public.notes.title [missing-column]", "error",
                "public.notes.body [nullability]", "warning"));
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void textWhereTheModelsBoundTheLengthIsAWarningAndTheReverseAnError() throws IOException {
        write("init.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, memo text, label varchar(40));\n");
        write("models.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, memo varchar(255), label text);\n");
        CliRunner.Result result = cli.run("check-models", "--models-ddl", "models.sql", "--reference", "file:init.sql",
                "--url", db.url(), "--json");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(findings(result)).isEqualTo(Map.of("public.notes.memo [type]", "warning",
                "public.notes.label [type]", "error"));
    }

    @Test
    void theRemainingKindsOfDifferenceHaveTheirSeverity() throws IOException {
        write("init.sql", """
                CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(40), owner_id bigint, balance numeric(12,2));
                CREATE TABLE owners (id bigint PRIMARY KEY, handle text UNIQUE);
                ALTER TABLE accounts ADD CONSTRAINT accounts_owner FOREIGN KEY (owner_id) REFERENCES owners (id);
                CREATE INDEX accounts_code ON accounts (code);
                CREATE TABLE audit (id bigint);
                """);
        write("models.sql", """
                CREATE TYPE tier AS ENUM ('free', 'paid');
                CREATE TABLE owners (id bigint PRIMARY KEY, handle text);
                CREATE TABLE accounts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code varchar(20),
                    owner_id bigint, balance numeric(12,2) CHECK (balance >= 0), level tier);
                CREATE TABLE ledgers (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));
                """);
        write("ids.sql", """
                CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                CREATE TABLE b (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);
                CREATE TABLE c (id serial PRIMARY KEY);
                """);
        write("ids-models.sql", """
                CREATE TABLE a (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);
                CREATE TABLE b (id bigint GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 50) PRIMARY KEY);
                CREATE TABLE c (id serial PRIMARY KEY);
                """);
        write("models-fk.sql", """
                CREATE TABLE owners (id bigint PRIMARY KEY, handle text UNIQUE);
                CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(40), owner_id bigint REFERENCES owners (id),
                    balance numeric(12,2));
                CREATE INDEX ix_accounts_code ON accounts (code);
                CREATE TABLE audit (id bigint);
                CREATE VIEW rich AS SELECT id FROM accounts WHERE balance > 1000;
                """);

        CliRunner.Result result = cli.run("check-models", "--models-ddl", "models.sql", "--reference", "file:init.sql",
                "--url", db.url(), "--json");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(findings(result)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("public.tier [missing-enum]", "error"),
                Map.entry("public.accounts.id [generated-key]", "error"),
                Map.entry("public.accounts.code [type]", "warning"),
                Map.entry("public.accounts.level [missing-column]", "error"),
                Map.entry("public.accounts.balance [missing-check]", "warning"),
                Map.entry("public.accounts.owner_id [extra-foreign-key]", "info"),
                Map.entry("public.accounts [extra-index]", "info"),
                Map.entry("public.owners.handle [extra-unique]", "info"),
                Map.entry("public.ledgers [missing-table]", "error"),
                Map.entry("public.audit [extra-table]", "info"))));

        CliRunner.Result ids = cli.run("check-models", "--models-ddl", "ids-models.sql", "--reference", "file:ids.sql",
                "--url", db.url(), "--json");
        assertThat(ids.exitCode()).as(ids.all()).isEqualTo(1);
        assertThat(findings(ids)).isEqualTo(Map.of("public.a.id [identity]", "error", "public.b.id [increment]", "error"));

        // Same foreign key, unique and index under other names: nothing to report; the view is named as not compared.
        CliRunner.Result same = cli.run("check-models", "--models-ddl", "models-fk.sql", "--reference", "file:init.sql",
                "--url", db.url());
        assertThat(same.exitCode()).as(same.all()).isZero();
        assertThat(same.out()).contains("The models match");
        assertThat(same.err()).contains("not compared").contains("view public.rich");

        write("init.sql", """
                CREATE TABLE owners (id bigint PRIMARY KEY, handle text);
                CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(40), owner_id bigint, balance numeric(12,2));
                """);
        CliRunner.Result missing = cli.run("check-models", "--models-ddl", "models-fk.sql", "--reference", "file:init.sql",
                "--url", db.url(), "--json", "--ignore", "audit");
        assertThat(missing.exitCode()).as(missing.all()).isZero();
        assertThat(findings(missing)).isEqualTo(Map.of("public.owners.handle [missing-unique]", "warning",
                "public.accounts.owner_id [missing-foreign-key]", "warning", "public.accounts [missing-index]", "warning"));
    }

    @Test
    void aFailingCommandShowsItsErrorsAndExits2() {
        db.execute(REFERENCE);
        CliRunner.Result failed = run("check-models", "--models-ddl-command", "echo 'ImportError: no module named app' >&2; exit 3");
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(2);
        assertThat(failed.err()).contains("failed with exit code 3").contains("ImportError: no module named app")
                .doesNotContain("at dev.schemata");

        CliRunner.Result silent = run("check-models", "--models-ddl-command", "true");
        assertThat(silent.exitCode()).as(silent.all()).isEqualTo(2);
        assertThat(silent.err()).contains("printed no DDL");

        CliRunner.Result slow = run("check-models", "--models-ddl-command", "sleep 30", "--models-timeout", "1s");
        assertThat(slow.exitCode()).as(slow.all()).isEqualTo(1);
        assertThat(slow.err()).contains("did not finish within 1 s");
    }

    @Test
    void badDdlNamesTheLineAndLeavesTheDatabaseAlone() throws IOException {
        db.execute(REFERENCE);
        write("models.sql", "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int REFERENCES nowhere);\n");
        CliRunner.Result result = run("check-models", "--models-ddl", "models.sql");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("models.sql:3").contains("nowhere");
        assertThat(db.tables()).containsExactlyInAnyOrder("users", "tags", "orders");

        CliRunner.Result missing = run("check-models", "--models-ddl", "absent.sql");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.sql").contains("no such file");

        CliRunner.Result online = run("check-models", "--models-ddl", "models.sql", "--online");
        assertThat(online.exitCode()).isEqualTo(2);
        assertThat(online.err()).contains("--online, --lock-timeout and --schema-file do not apply");

        CliRunner.Result neither = run("check-models");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--models-ddl FILE, --models-ddl-command CMD, or --classpath CP");
    }

    /**
     * JPA entities come through --classpath (the whole way, with Hibernate and real entities, is tested in the
     * schemata-models-jpa module): wrong combinations are usage errors, and a classpath without the Jakarta
     * Persistence API is named as such, exit 2, the database untouched.
     */
    @Test
    void jpaOptionsAreCheckedAndAClasspathWithoutJpaIsNamed() throws IOException {
        db.execute(REFERENCE);
        CliRunner.Result noClasspath = run("check-models", "--packages", "com.example.domain");
        assertThat(noClasspath.exitCode()).as(noClasspath.all()).isEqualTo(2);
        assertThat(noClasspath.err()).contains("need --classpath");

        CliRunner.Result neither = run("check-models", "--classpath", "app.jar");
        assertThat(neither.exitCode()).as(neither.all()).isEqualTo(2);
        assertThat(neither.err()).contains("either --persistence-unit NAME or --packages");

        CliRunner.Result both = run("check-models", "--classpath", "app.jar", "--models-ddl", "models.sql",
                "--packages", "com.example.domain");
        assertThat(both.exitCode()).as(both.all()).isEqualTo(2);
        assertThat(both.err()).contains("not several");

        Files.createDirectories(dir.resolve("classes/com/example/domain"));
        CliRunner.Result noJpa = run("check-models", "--classpath", "classes", "--packages", "com.example.domain");
        assertThat(noJpa.exitCode()).as(noJpa.all()).isEqualTo(2);
        assertThat(noJpa.err()).contains("cannot get the DDL of the JPA entities of com.example.domain")
                .contains("no Jakarta Persistence API on the classpath").doesNotContain("\tat ");
        assertThat(db.tables()).containsExactlyInAnyOrder("users", "tags", "orders");
    }
}
