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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands over a fleet of tenant schemas and of databases, on the test run's real server. */
@ExtendWith(PostgresExtension.class)
class FleetCommandsTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        // Unqualified names only: where they land is decided by the tenant's search_path alone.
        Files.writeString(migrations.resolve("001_accounts.sql"),
                "CREATE TABLE accounts (id int PRIMARY KEY, owner text);\nINSERT INTO accounts VALUES (1, '${tenant}');\n");
        Files.writeString(migrations.resolve("002_notes.sql"),
                "ALTER TABLE accounts ADD COLUMN note text;\nUPDATE accounts SET note = 'in ${schema}';\n");
        Files.writeString(migrations.resolve("003_index.sql"), "CREATE INDEX accounts_owner ON accounts (owner);\n");
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    private Path tenants(String... names) throws IOException {
        return Files.writeString(project.resolve("tenants.txt"), "# one tenant schema a line\n" + String.join("\n", names) + "\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(CliRunner.Result r) {
        return (Map<String, Object>) Json.parse(r.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(CliRunner.Result r) {
        return (List<Map<String, Object>>) json(r).get("targets");
    }

    @Test
    void eachTenantGetsItsOwnTablesAndHistoryAndNeverTouchesAnother(TestDatabase db) throws IOException {
        tenants("acme", "globex", "initech");
        CliRunner.Result r = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--parallel", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("migrate: 3 targets: 3 ok");
        for (String t : List.of("acme", "globex", "initech")) {
            assertThat(db.query("SELECT owner, note FROM " + t + ".accounts"))
                    .containsExactly(Map.of("owner", t, "note", "in " + t));
            assertThat(db.value("SELECT count(*) FROM " + t + ".schema_migrations WHERE success")).isEqualTo(3L);
            assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + t + "' AND indexname = 'accounts_owner'"))
                    .isEqualTo(1L);
        }
        assertThat(db.tables()).as("nothing in public").isEmpty();

        // A migration for one tenant only (run through a one-line list) changes that tenant and no other.
        Files.writeString(migrations.resolve("004_wipe.sql"), "DELETE FROM accounts;\nDROP INDEX accounts_owner;\n");
        Files.writeString(project.resolve("one.txt"), "globex\n");
        assertThat(run("migrate", "--url", db.url(), "--targets", "one.txt").exitCode()).isZero();
        assertThat(db.value("SELECT count(*) FROM globex.accounts")).isEqualTo(0L);
        for (String t : List.of("acme", "initech")) {
            assertThat(db.value("SELECT count(*) FROM " + t + ".accounts")).isEqualTo(1L);
            assertThat(db.value("SELECT max(version) FROM " + t + ".schema_migrations")).isEqualTo("003");
            assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + t + "' AND indexname = 'accounts_owner'"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void oneTenantFailsTheOthersFinishAndARerunCompletesOnlyIt(TestDatabase db) throws IOException {
        tenants("t1", "t2", "t3", "t4", "t5");
        // Fails on t3's own data only, at its second statement.
        Files.writeString(migrations.resolve("002_notes.sql"), """
                ALTER TABLE accounts ADD COLUMN note text;
                ALTER TABLE accounts ADD CONSTRAINT owner_not_t3 CHECK (owner <> 't3');
                UPDATE accounts SET note = 'in ${schema}';
                """);
        CliRunner.Result first = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--on-error", "continue",
                "--json", "--report", "report.html");
        assertThat(first.exitCode()).isEqualTo(1);
        Map<String, Object> report = json(first);
        assertThat(report.get("counts")).isEqualTo(Map.of("ok", 4L, "pending", 0L, "problems", 0L, "failed", 1L, "skipped", 0L));
        Map<String, Object> t3 = targets(first).stream().filter(t -> t.get("name").equals("t3")).findFirst().orElseThrow();
        assertThat(t3).containsEntry("status", "failed").containsEntry("before", null).containsEntry("after", "001");
        assertThat((String) t3.get("error")).contains("002_notes.sql:2").contains("owner_not_t3");
        assertThat(report.get("versions")).isEqualTo(Map.of("001", 1L, "003", 4L));
        for (String t : List.of("t1", "t2", "t4", "t5")) {
            assertThat(db.value("SELECT max(version) FROM " + t + ".schema_migrations")).isEqualTo("003");
        }
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = 't3' AND column_name = 'note'"))
                .as("the failed migration left nothing behind").isEqualTo(0L);
        String html = Files.readString(project.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Failures (1)").contains("owner_not_t3")
                .doesNotContain("<script").doesNotContain("http");
        assertThat(html.indexOf(">t3<")).as("failures first").isLessThan(html.indexOf(">t1<"));

        db.execute("UPDATE t3.accounts SET owner = 'renamed'");
        CliRunner.Result rerun = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(targets(rerun)).extracting(t -> t.get("name") + ":" + t.get("summary"))
                .containsExactly("t1:up to date", "t2:up to date", "t3:applied 2", "t4:up to date", "t5:up to date");
        assertThat(json(rerun).get("versions")).isEqualTo(Map.of("003", 5L));
    }

    @Test
    void onErrorStopSkipsTheRestAndTheCanaryStopsTheFleet(TestDatabase db) throws IOException {
        tenants("t1", "t2", "t3", "t4");
        Files.writeString(migrations.resolve("001_accounts.sql"), "CREATE TABLE accounts (id int);\n"
                + "DO $$ BEGIN IF current_schema() = 't1' THEN RAISE EXCEPTION 'no'; END IF; END $$;\n");
        CliRunner.Result canary = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--canary", "1",
                "--on-error", "continue");
        assertThat(canary.exitCode()).isEqualTo(1);
        assertThat(canary.err()).contains("the canary failed; the other 3 targets are skipped");
        assertThat(canary.out()).contains("1 failed, 3 skipped");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t2', 't3', 't4')")).isEqualTo(0L);

        CliRunner.Result stop = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--parallel", "1");
        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.out()).contains("1 failed, 3 skipped");
    }

    @Test
    void databasesInParallelThenStatusValidateAndDrift(TestCluster cluster) throws IOException {
        List<TestDatabase> dbs = List.of(cluster.newDatabase(), cluster.newDatabase(), cluster.newDatabase());
        Files.writeString(project.resolve("fleet.json"), Json.write(List.of(
                Map.of("name", "eu", "url", dbs.get(0).url(), "labels", Map.of("region", "eu")),
                Map.of("name", "us", "url", dbs.get(1).url(), "labels", Map.of("region", "us")),
                Map.of("name", "ap", "url", dbs.get(2).url()))));
        CliRunner.Result status = run("status", "--targets", "fleet.json", "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(targets(status)).extracting(t -> t.get("name") + ":" + t.get("status") + ":" + t.get("summary"))
                .containsExactly("eu:pending:3 pending", "us:pending:3 pending", "ap:pending:3 pending");
        assertThat(targets(status).get(0).get("labels")).isEqualTo(Map.of("region", "eu"));
        assertThat(status.out()).doesNotContain(dbs.get(0).settings().password());

        CliRunner.Result migrate = run("migrate", "--targets", "fleet.json", "--parallel", "2");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        for (TestDatabase db : dbs) {
            assertThat(db.tables()).containsExactly("accounts", "schema_migrations");
        }
        CliRunner.Result after = run("status", "--targets", "fleet.json");
        assertThat(after.out()).contains("status: 3 targets: 3 ok");
        assertThat(run("validate", "--targets", "fleet.json").exitCode()).isZero();
        assertThat(run("drift", "--targets", "fleet.json").exitCode()).isZero();

        dbs.get(1).execute("DROP INDEX accounts_owner");
        CliRunner.Result drift = run("drift", "--targets", "fleet.json", "--json");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(targets(drift)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("eu:ok", "us:problems", "ap:ok");
        dbs.get(2).execute("UPDATE schema_migrations SET checksum = 'x' WHERE version = '001'");
        CliRunner.Result validate = run("validate", "--targets", "fleet.json");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("ap").contains("001_accounts.sql: changed since it was applied");
    }

    @Test
    void twoShardsCoverTheFleetExactlyOnce(TestDatabase db) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            names.add("tenant_" + i);
        }
        tenants(names.toArray(String[]::new));
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        List<String> firstShard = new ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            CliRunner.Result r = run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--shard", shard, "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(json(r)).containsEntry("shard", shard).containsEntry("fleetSize", 12L);
            targets(r).forEach(t -> all.add((String) t.get("name")));
            targets(r).forEach(t -> seen.add((String) t.get("name")));
            if (shard.equals("1/2")) {
                targets(r).forEach(t -> firstShard.add((String) t.get("name")));
            }
        }
        assertThat(all).hasSize(12);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(names);
        CliRunner.Result again = run("status", "--url", db.url(), "--targets", "tenants.txt", "--shard", "1/2", "--json");
        assertThat(targets(again)).as("stable: the same slice again").extracting(t -> t.get("name"))
                .containsExactlyElementsOf(firstShard);
        assertThat(firstShard).as("both shards have work").isNotEmpty().hasSizeLessThan(12);
        assertThat(run("status", "--url", db.url(), "--targets", "tenants.txt", "--shard", "3/2").exitCode()).isEqualTo(2);
    }

    @Test
    void overlappingWorkersNeverMigrateATargetTwice(TestDatabase db) throws Exception {
        tenants("a", "b", "c", "d");
        Files.writeString(migrations.resolve("002_notes.sql"), "SELECT pg_sleep(0.3);\nALTER TABLE accounts ADD COLUMN note text;\n");
        CompletableFuture<CliRunner.Result> one = CompletableFuture.supplyAsync(() ->
                run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--shard", "1/1", "--json"));
        CompletableFuture<CliRunner.Result> two = CompletableFuture.supplyAsync(() ->
                run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--json"));
        CliRunner.Result r1 = one.get();
        CliRunner.Result r2 = two.get();
        assertThat(r1.exitCode()).as(r1.err()).isZero();
        assertThat(r2.exitCode()).as(r2.err()).isZero();
        for (String t : List.of("a", "b", "c", "d")) {
            assertThat(db.value("SELECT count(*) FROM " + t + ".schema_migrations")).as(t).isEqualTo(3L);
            long applied = 0;
            for (CliRunner.Result r : List.of(r1, r2)) {
                applied += targets(r).stream().filter(x -> x.get("name").equals(t) && "applied 3".equals(x.get("summary"))).count();
            }
            assertThat(applied).as("exactly one worker applied " + t).isEqualTo(1);
        }
    }

    @Test
    void targetsFromAQueryAndFromTheEnvironment(TestDatabase db) throws IOException {
        db.execute("CREATE TABLE tenants (schema_name text, plan text); INSERT INTO tenants VALUES ('q1', 'free'), ('q2', 'pro')");
        CliRunner.Result r = run("migrate", "--url", db.url(), "--targets-query",
                "SELECT schema_name, plan FROM tenants ORDER BY 1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(targets(r)).extracting(t -> t.get("name") + ":" + t.get("labels"))
                .containsExactly("q1:{plan=free}", "q2:{plan=pro}");

        Files.writeString(project.resolve("tenants.toml"), """
                [targets.first]
                schema = "q1"
                labels.region = "eu"

                [targets.third]
                schema = "q3"
                """);
        Files.writeString(project.resolve("schemata.toml"), """
                [environments.tenants]
                url = "%s"

                [environments.tenants.fleet]
                targets = "tenants.toml"
                parallel = 2
                """.formatted(db.url()));
        CliRunner.Result env = run("status", "--env", "tenants", "--json");
        assertThat(targets(env)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("first:ok", "third:pending");

        // A typo in another environment's fleet is caught too, naming the key.
        Files.writeString(project.resolve("schemata.toml"), Files.readString(project.resolve("schemata.toml"))
                + "\n[environments.other.fleet]\ntargts = \"x.txt\"\n");
        CliRunner.Result typo = run("status", "--env", "tenants");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("targts");
    }

    @Test
    void badTargetListsAreUsageErrorsNamingTheLine(TestDatabase db) throws IOException {
        Files.writeString(project.resolve("bad.txt"), "a\nb\na\n");
        CliRunner.Result twice = run("status", "--url", db.url(), "--targets", "bad.txt");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("is listed twice");
        Files.writeString(project.resolve("bad.txt"), "a\npostgresql://x@h/d s extra\n");
        CliRunner.Result words = run("status", "--url", db.url(), "--targets", "bad.txt");
        assertThat(words.exitCode()).isEqualTo(2);
        assertThat(words.err()).contains("bad.txt:2: expected a URL, a schema name, or a URL and a schema name");
        assertThat(run("status", "--url", db.url(), "--shard", "1/2").exitCode()).isEqualTo(2);
        assertThat(run("migrate", "--url", db.url(), "--targets", "bad.txt", "--on-error", "maybe").exitCode()).isEqualTo(2);
        Files.writeString(project.resolve("ok.txt"), "a\n");
        CliRunner.Result github = run("validate", "--url", db.url(), "--targets", "ok.txt", "--format", "github");
        assertThat(github.exitCode()).isEqualTo(2);
        assertThat(github.err()).contains("over a fleet the report is the table, --json, or --report FILE.html");
        CliRunner.Result dryRun = run("migrate", "--url", db.url(), "--targets", "ok.txt", "--dry-run");
        assertThat(dryRun.exitCode()).isEqualTo(2);
        assertThat(db.query("SELECT 1 FROM pg_namespace WHERE nspname = 'a'")).isEmpty();
    }

    @Test
    void lintAsksEachTenantAboutItsOwnTables(TestDatabase db) throws IOException {
        tenants("small", "large");
        assertThat(run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--target", "2").exitCode()).isZero();
        db.execute("INSERT INTO large.accounts SELECT g, 'x' FROM generate_series(2, 5000) g; ANALYZE large.accounts;"
                + " ANALYZE small.accounts");
        CliRunner.Result r = run("lint", "--url", db.url(), "--targets", "tenants.txt", "--threshold-rows", "1000",
                "--on-error", "continue", "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(targets(r)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("small:ok", "large:problems");
        assertThat(targets(r).get(1).get("problems").toString()).contains("003_index.sql:1: index-not-concurrent");
    }

    @Test
    void planShowsWhichDatabasesNeedChanges(TestCluster cluster) throws IOException {
        TestDatabase inSync = cluster.newDatabase();
        TestDatabase behind = cluster.newDatabase();
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE accounts (id int PRIMARY KEY, owner text);\n");
        inSync.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text)");
        behind.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
        Files.writeString(project.resolve("dbs.txt"), inSync.url() + "\n" + behind.url() + "\n");
        CliRunner.Result r = run("plan", "--targets", "dbs.txt", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(targets(r)).extracting(t -> t.get("status") + ":" + t.get("summary"))
                .containsExactly("ok:in sync", "pending:1 step, no hazards");
        assertThat(targets(r).get(1).get("problems").toString()).contains("ADD COLUMN owner");

        // Over tenant schemas, each tenant's schema against the file built in it; public (which matches) and the
        // other tenants stay out of each plan.
        behind.execute("CREATE SCHEMA tenant_a; CREATE TABLE tenant_a.accounts (id int PRIMARY KEY, owner text);"
                + " CREATE SCHEMA tenant_b; CREATE TABLE tenant_b.accounts (id int PRIMARY KEY);"
                + " CREATE TABLE tenant_b.extra (id int)");
        Files.writeString(project.resolve("schemas.txt"), "tenant_a\ntenant_b\n");
        CliRunner.Result schemas = run("plan", "--url", behind.url(), "--targets", "schemas.txt", "--json");
        assertThat(schemas.exitCode()).as(schemas.err()).isZero();
        assertThat(targets(schemas)).extracting(t -> t.get("name") + ":" + t.get("status") + ":" + t.get("summary"))
                .containsExactly("tenant_a:ok:in sync", "tenant_b:pending:2 steps; hazards: DELETES_DATA 1");
        assertThat(targets(schemas).get(1).get("problems").toString()).contains("tenant_b.accounts ADD COLUMN owner")
                .contains("DROP TABLE tenant_b.extra").doesNotContain("public").doesNotContain("tenant_a");
    }

    @Test
    void driftComparesEachTenantSchemaWithWhatItsMigrationsBuildThere(TestDatabase db) throws IOException {
        tenants("acme", "globex", "initech");
        assertThat(run("migrate", "--url", db.url(), "--targets", "tenants.txt").exitCode()).isZero();
        // Not any tenant's: shared objects in public and a schema outside the fleet.
        db.execute("CREATE TABLE public.plans (id int PRIMARY KEY); CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int)");
        CliRunner.Result clean = run("drift", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(targets(clean)).extracting(t -> t.get("name") + ":" + t.get("status") + ":" + t.get("summary"))
                .containsExactly("acme:ok:no drift", "globex:ok:no drift", "initech:ok:no drift");

        db.execute("ALTER TABLE globex.accounts ADD COLUMN vip boolean; DROP INDEX initech.accounts_owner");
        CliRunner.Result drift = run("drift", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(targets(drift)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("acme:ok", "globex:problems", "initech:problems");
        String globex = targets(drift).get(1).get("problems").toString();
        String initech = targets(drift).get(2).get("problems").toString();
        assertThat(globex).contains("schema globex differs from").contains("DROP COLUMN vip")
                .doesNotContain("initech").doesNotContain("acme").doesNotContain("public").doesNotContain("billing");
        assertThat(initech).contains("schema initech differs from").contains("CREATE INDEX accounts_owner ON initech.accounts")
                .doesNotContain("globex").doesNotContain("public").doesNotContain("billing");

        CliRunner.Result table = run("drift", "--url", db.url(), "--targets", "tenants.txt");
        assertThat(table.exitCode()).isEqualTo(1);
        assertThat(table.out()).contains("globex").contains("initech").contains("drift: 3 targets: 1 ok");

        // A tenant not migrated yet has no schema and no history: nothing to differ from.
        tenants("acme", "newco");
        CliRunner.Result fresh = run("drift", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();
        assertThat(targets(fresh)).extracting(t -> t.get("name") + ":" + t.get("status") + ":" + t.get("summary"))
                .containsExactly("acme:ok:no drift", "newco:ok:no drift");
    }

    @Test
    void tenantsWhoseMigrationsDoNotNameThemShareOneReference(TestDatabase db) throws IOException {
        // No ${tenant} or ${schema}: the reference is built once and its schema renamed for each tenant, so every
        // reference to the schema (a sequence default, a view, a foreign key, a function's search_path) must follow.
        Files.delete(migrations.resolve("002_notes.sql"));
        Files.writeString(migrations.resolve("001_accounts.sql"), """
                CREATE TABLE accounts (id serial PRIMARY KEY, owner text);
                CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account int REFERENCES accounts, body text);
                CREATE VIEW account_notes AS SELECT a.owner, n.body FROM accounts a JOIN notes n ON n.account = a.id;
                CREATE FUNCTION owners() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM accounts';
                """);
        tenants("t1", "t2", "t3", "t4");
        assertThat(run("migrate", "--url", db.url(), "--targets", "tenants.txt").exitCode()).isZero();
        CliRunner.Result clean = run("drift", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(targets(clean)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("t1:ok", "t2:ok", "t3:ok", "t4:ok");

        db.execute("ALTER TABLE t2.notes ADD COLUMN pinned boolean; DROP INDEX t4.accounts_owner; DROP VIEW t3.account_notes");
        CliRunner.Result drift = run("drift", "--url", db.url(), "--targets", "tenants.txt", "--json");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(targets(drift)).extracting(t -> t.get("name") + ":" + t.get("status"))
                .containsExactly("t1:ok", "t2:problems", "t3:problems", "t4:problems");
        assertThat(targets(drift).get(1).get("problems").toString()).contains("DROP COLUMN pinned").doesNotContain("t1.")
                .doesNotContain("t3.").doesNotContain("t4.");
        assertThat(targets(drift).get(2).get("problems").toString()).contains("CREATE VIEW t3.account_notes");
        assertThat(targets(drift).get(3).get("problems").toString()).contains("CREATE INDEX accounts_owner ON t4.accounts");
    }

    @Test
    void statusOfManyTenantsKeepsAFewConnections(TestDatabase db) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            names.add("s" + i);
        }
        tenants(names.toArray(String[]::new));
        assertThat(run("migrate", "--url", db.url(), "--targets", "tenants.txt", "--target", "2").exitCode()).isZero();
        String sessions = "SELECT sessions FROM pg_stat_database WHERE datname = current_database()";
        db.execute("SELECT pg_stat_force_next_flush()");
        long before = ((Number) db.value(sessions)).longValue();
        CliRunner.Result r = run("status", "--url", db.url(), "--targets", "tenants.txt", "--parallel", "2", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(json(r).get("counts")).isEqualTo(Map.of("ok", 0L, "pending", 40L, "problems", 0L, "failed", 0L, "skipped", 0L));
        assertThat(targets(r)).allSatisfy(t -> assertThat(t).containsEntry("after", "002").containsEntry("summary", "1 pending"));
        db.execute("SELECT pg_stat_force_next_flush()");
        long after = ((Number) db.value(sessions)).longValue();
        // Two workers, a connection each, plus this test's own; not one per tenant.
        assertThat(after - before).isLessThanOrEqualTo(4);
    }
}
