package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets against a hostile but realistic user: generated passwords with URL characters in them, a shared
 * machine, a CI job or cron entry with an unset variable. Every output, text and JSON, stdout and stderr,
 * is searched for the password and for every piece of it.
 */
@ExtendWith(PostgresExtension.class)
class HostileSecretsTest {
    /** A generated password holding every character that breaks a URL when written unencoded. */
    private static final String PASSWORD = "Kq7w/Zr8x?Lm4v#Tp9y@Hs3u:Jd5e%Wn";
    private static final String WRONG = "Bf6g/Yc2k?Qa1z#Nv5t@Mx0o:Rh4j%Ge";
    /** Unencoded in a jdbc: URL's password=, the "&" starts a parameter of its own. */
    private static final String AMPERSAND = "Vb3n&Cx7m=Pq2w";

    @TempDir
    Path project;

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE wanted (id int);\n");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Fails when the output (stack traces of --debug included) holds a password, encoded or not, or any piece of it between URL characters. */
    private static void assertNoSecret(CliRunner.Result r, String what, String... passwords) {
        for (String password : passwords) {
            assertThat(r.all()).as(what).doesNotContain(encode(password));
            for (String piece : password.split("[/?#@:%&=]")) {
                if (piece.length() >= 3) {
                    assertThat(r.all()).as(what + "\n" + r.all()).doesNotContain(piece);
                }
            }
        }
    }

    private static void createRole(TestDatabase db, String role, String password) {
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'; END IF; END $$");
    }

    private void config(String url) throws IOException {
        Path file = project.resolve("schemata.toml");
        Files.writeString(file, "[environments.ci]\nurl = '" + url + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** One way of giving the URL: what it does to the runner and the arguments it adds. */
    private record Way(String name, Function<CliRunner, CliRunner> env, List<String> args) {
    }

    @Test
    void aPasswordWithUrlCharactersIsNeverPrintedWhicheverWayTheUrlIsGiven(TestDatabase db) throws IOException {
        createRole(db, "hostile", PASSWORD);
        db.execute("GRANT CREATE ON SCHEMA public TO hostile");
        String at = "@127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name();
        String jdbc = "jdbc:postgresql://127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name() + "?user=hostile&password=";
        // URL -> the exit code of a command that connects
        Map<String, Integer> urls = new LinkedHashMap<>();
        urls.put("postgresql://hostile:" + PASSWORD + at, 2);
        urls.put(jdbc + PASSWORD, 2);
        urls.put(jdbc + AMPERSAND, 2);
        urls.put("postgresql://hostile:" + encode(WRONG) + at, 3);
        urls.put(jdbc + encode(WRONG), 3);
        urls.put("postgresql://hostile:" + encode(PASSWORD) + "@127.0.0.1:1/" + db.name(), 3);
        urls.put("postgresql://hostile:" + encode(PASSWORD) + at, 0);

        int runs = 0;
        for (Map.Entry<String, Integer> url : urls.entrySet()) {
            List<Way> ways = List.of(
                    new Way("--url", r -> r, List.of("--url", url.getKey())),
                    new Way("schemata.toml", r -> r, List.of("--env", "ci")),
                    new Way("SCHEMATA_URL", r -> r.env("SCHEMATA_URL", url.getKey()), List.of()),
                    new Way("DATABASE_URL", r -> r.env("DATABASE_URL", url.getKey()), List.of()));
            for (Way way : ways) {
                if (way.name().equals("schemata.toml")) {
                    config(url.getKey());
                } else {
                    Files.deleteIfExists(project.resolve("schemata.toml"));
                }
                for (List<String> command : List.of(List.of("status"), List.of("migrate"), List.of("monitor", "sizes"),
                        List.of("config"))) {
                    boolean connects = !command.get(0).equals("config");
                    int expected = connects || (way.name().equals("schemata.toml") && url.getValue() == 2) ? url.getValue() : 0;
                    for (boolean json : new boolean[]{false, true}) {
                        List<String> args = new ArrayList<>(command);
                        args.addAll(way.args());
                        if (json) {
                            args.add("--json");
                            args.add("--debug");
                        }
                        CliRunner.Result r = way.env().apply(new CliRunner(project)).run(args.toArray(String[]::new));
                        String what = way.name() + " " + String.join(" ", args);
                        runs++;
                        assertThat(r.exitCode()).as(what + "\n" + r.all()).isEqualTo(expected);
                        assertNoSecret(r, what, PASSWORD, WRONG, AMPERSAND);
                        if (expected == 2) {
                            assertThat(r.err()).as(what).contains("cannot read the database URL").contains("percent-encoded");
                        }
                        if (json && expected != 0) {
                            assertThat(r.out()).as(what).contains("\"exitCode\": " + expected);
                        }
                    }
                }
            }
            for (boolean json : new boolean[]{false, true}) {
                CliRunner.Result r = new CliRunner(project).run(json
                        ? new String[]{"diff", "--from", "db:" + url.getKey(), "--to", "db:" + db.url(), "--json"}
                        : new String[]{"diff", "--from", "db:" + url.getKey(), "--to", "db:" + db.url()});
                runs++;
                assertThat(r.exitCode()).as("diff --from db:" + url.getKey() + "\n" + r.all()).isIn(url.getValue(), 1);
                assertNoSecret(r, "diff --from db:", PASSWORD, WRONG, AMPERSAND);
            }
        }

        // The libpq variables: PGPASSWORD right and wrong, and an unreachable port.
        String port = String.valueOf(db.settings().hosts().get(0).port());
        for (String[] pg : new String[][]{{port, PASSWORD, "0"}, {port, WRONG, "3"}, {"1", PASSWORD, "3"}}) {
            for (boolean json : new boolean[]{false, true}) {
                CliRunner.Result r = new CliRunner(project).env("PGHOST", "127.0.0.1").env("PGPORT", pg[0])
                        .env("PGUSER", "hostile").env("PGDATABASE", db.name()).env("PGPASSWORD", pg[1])
                        .run(json ? new String[]{"status", "--json"} : new String[]{"status"});
                runs++;
                assertThat(r.exitCode()).as("PG* variables\n" + r.all()).isEqualTo(Integer.parseInt(pg[2]));
                assertNoSecret(r, "PG* variables", PASSWORD, WRONG);
            }
        }
        assertThat(runs).isEqualTo(7 * (4 * 4 * 2 + 2) + 6);
    }

    @Test
    void everyCommandThatConnectsKeepsThePasswordOut(TestDatabase db) throws IOException {
        createRole(db, "hostile", PASSWORD);
        Files.writeString(project.resolve("some.dump"), "not really a dump");
        Files.writeString(project.resolve("migrations/001_t.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(project.resolve("migrations/001_t.down.sql"), "DROP TABLE t;\n");
        String at = "@127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name();
        List<String> urls = List.of("postgresql://hostile:" + PASSWORD + at, "postgresql://hostile:" + encode(WRONG) + at,
                "postgresql://hostile:" + encode(PASSWORD) + "@127.0.0.1:1/" + db.name());
        String[][] commands = {{"migrate"}, {"migrate", "--dry-run"}, {"status"}, {"validate"}, {"baseline", "--version", "1"},
                {"repair"}, {"rollback"}, {"rollback", "--restore", "--yes"}, {"verify-rollback"}, {"plan"}, {"apply"},
                {"generate", "change"}, {"drift"}, {"dump-schema"}, {"lint"}, {"backup"}, {"restore", "some.dump"}, {"reset"},
                {"monitor", "sizes"}, {"monitor", "indexes"}, {"monitor", "queries"}, {"monitor", "locks"}};
        for (String url : urls) {
            for (String[] command : commands) {
                for (boolean json : new boolean[]{false, true}) {
                    List<String> args = new ArrayList<>(List.of(command));
                    args.addAll(List.of("--url", url, "--schema-file", "init.sql"));
                    if (!List.of("plan", "apply", "generate", "drift").contains(command[0]) && !command[0].equals("reset")) {
                        args.subList(args.size() - 2, args.size()).clear();
                    }
                    if (json) {
                        args.add("--json");
                    }
                    CliRunner.Result r = new CliRunner(project).run(args.toArray(String[]::new));
                    String what = String.join(" ", args);
                    assertThat(r.exitCode()).as(what + "\n" + r.all()).isIn(2, 3);
                    assertNoSecret(r, what, PASSWORD, WRONG);
                }
            }
            // A misspelt option: the parser's own message quotes the argument it could not place.
            for (String[] typo : new String[][]{{"status", "--ulr", url}, {"status", "--json", "--ulr=" + url}}) {
                CliRunner.Result r = new CliRunner(project).run(typo);
                assertThat(r.exitCode()).as(String.join(" ", typo) + "\n" + r.all()).isEqualTo(2);
                assertNoSecret(r, String.join(" ", typo), PASSWORD, WRONG);
            }
        }
    }

    @Test
    void anExplicitlyEmptyUrlIsAnErrorAndNeverTheDevDatabase() {
        List<CliRunner.Result> results = List.of(
                new CliRunner(project).run("migrate", "--url", ""),
                new CliRunner(project).env("DATABASE_URL", "").run("migrate"),
                new CliRunner(project).env("SCHEMATA_URL", " ").env("DATABASE_URL", "postgresql://elsewhere/db").run("status"),
                new CliRunner(project).run("migrate", "--url", "", "--json"),
                new CliRunner(project).env("SCHEMATA_ENV", "").run("migrate"),
                new CliRunner(project).run("migrate", "--env", ""),
                new CliRunner(project).run("migrate", "--config", ""));
        for (CliRunner.Result r : results) {
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("is set but empty (an unset variable?)");
        }
        assertThat(results.get(3).out()).contains("\"code\": \"BAD_CONFIG\"");
        assertThat(results.get(4).err()).contains("SCHEMATA_ENV is set but empty");
        assertThat(project.resolve(".schemata")).doesNotExist();
    }

    @Test
    void commandsThatCouldHarmOrMisleadNeverFallBackToTheDevDatabaseUnlessAsked() throws IOException {
        Files.writeString(project.resolve("some.dump"), "not really a dump");
        for (String[] args : new String[][]{{"backup"}, {"restore", "some.dump"}, {"reset"},
                {"rollback", "--restore", "--yes"}, {"monitor", "sizes"}, {"monitor", "indexes"},
                {"monitor", "queries"}, {"monitor", "locks", "--json"}}) {
            CliRunner.Result r = new CliRunner(project).run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains("needs a database and none is configured")
                    .contains("pass --dev");
        }
        CliRunner.Result both = new CliRunner(project).run("backup", "--dev", "--url", "postgresql://h/db");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--url and --dev exclude each other");
        assertThat(project.resolve(".schemata")).doesNotExist();
    }

    @Test
    void monitorUsesTheDevDatabaseWhenAskedWithDev() throws IOException {
        // PostgreSQL runs as another user when the tests run as root: it must reach the dev directory.
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner.Result r = new CliRunner(project).run("monitor", "sizes", "--dev", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Json.parse(r.out())).isEqualTo(Map.of("tables", List.of()));
        assertThat(new CliRunner(project).run("dev", "destroy").exitCode()).isZero();
    }

    @Test
    void aPgpassFileOthersCanReadIsRefusedAndTheDriverDoesNotReadItBehindOurBack(TestDatabase db) throws IOException {
        createRole(db, "passfile", "Pgpass-Pw-77");
        Path file = project.resolve("pgpass");
        Files.writeString(file, "*:*:*:passfile:Pgpass-Pw-77\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String url = "postgresql://passfile@127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name();
        // pgjdbc's own lookup reads this property first (then PGPASSFILE of the real environment, then
        // ~/.pgpass): pointing it at the file shows whether the driver reads the file behind Schemata's back.
        String previous = System.setProperty("org.postgresql.pgpassfile", file.toString());
        try {
            CliRunner.Result refused = new CliRunner(project).env("PGPASSFILE", file.toString()).run("status", "--url", url);
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
            assertThat(refused.err()).contains("has group or world access and is ignored")
                    .contains("the server asks for a password for user \"passfile\"").contains("none was given");
            assertThat(refused.all()).doesNotContain("Pgpass-Pw-77");

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            CliRunner.Result accepted = new CliRunner(project).env("PGPASSFILE", file.toString()).run("status", "--url", url);
            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        } finally {
            if (previous == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", previous);
            }
        }
    }

    @Test
    void pgpassIsFoundInHomeAsLibpqFindsIt(TestDatabase db) throws IOException {
        createRole(db, "passhome", "Home-Pw-88");
        Path home = Files.createDirectories(project.resolve("home"));
        Files.writeString(home.resolve(".pgpass"), "127.0.0.1:*:*:passhome:Home-Pw-88\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        String url = "postgresql://passhome@127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name();
        CliRunner.Result r = new CliRunner(project).env("HOME", home.toString()).run("status", "--url", url);
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    private static void assumeStatements(TestCluster cluster) {
        Assumptions.assumeTrue(Files.exists(cluster.binaries().libDir().resolve("pg_stat_statements.so")),
                "these server binaries ship no pg_stat_statements");
    }

    private static void runAs(TestDatabase db, String user, String password, String... sql) {
        ConnectionSettings settings = new ConnectionSettings(db.settings().hosts(), db.name(), user, password, Map.of(), "test");
        try (Connection c = Database.connect(settings); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitorMasksPasswordsInTheServersSqlTextUnlessAsked(TestDatabase db, TestCluster cluster) {
        assumeStatements(cluster);
        db.execute("CREATE EXTENSION pg_stat_statements");
        db.execute("CREATE ROLE devapp LOGIN PASSWORD 'DevPw-Initial-1'");
        db.execute("ALTER ROLE devapp PASSWORD 'DevPw-Secret-2'");
        db.execute("CREATE EXTENSION postgres_fdw");
        db.execute("CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'elsewhere')");
        db.execute("CREATE USER MAPPING FOR devapp SERVER remote OPTIONS (user 'far', password 'DevPw-Mapping-3')");
        CliRunner runner = new CliRunner(project);
        CliRunner.Result text = runner.run("monitor", "queries", "--limit", "50", "--url", db.url());
        CliRunner.Result json = runner.run("monitor", "queries", "--limit", "50", "--url", db.url(), "--json");
        for (CliRunner.Result r : List.of(text, json)) {
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.all()).contains("PASSWORD '***'").contains("password '***'").doesNotContain("DevPw");
        }
        Map<String, Object> doc = (Map<String, Object>) Json.parse(json.out());
        assertThat((List<Map<String, Object>>) doc.get("byMeanTime")).extracting(q -> (String) q.get("query"))
                .anyMatch(q -> q.contains("ALTER ROLE devapp PASSWORD '***'"));

        CliRunner.Result shown = runner.run("monitor", "queries", "--limit", "50", "--url", db.url(), "--json", "--show-secrets");
        assertThat(shown.out()).contains("DevPw-Secret-2").contains("DevPw-Mapping-3");
    }

    @Test
    void aServerErrorQuotingSqlWithAPasswordIsMasked(TestDatabase db) throws IOException {
        Files.writeString(project.resolve("migrations/001_role.sql"),
                "DO $$ BEGIN ALTER ROLE no_such_role PASSWORD 'Plpgsql-Pw-4'; END $$;\n");
        for (String[] args : new String[][]{{"migrate", "--url", db.url()}, {"migrate", "--url", db.url(), "--json"},
                {"migrate", "--url", db.url(), "--debug"}}) {
            CliRunner.Result r = new CliRunner(project).run(args);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("no_such_role");
            assertThat(r.all()).as(String.join(" ", args)).doesNotContain("Plpgsql-Pw-4");
        }
    }

    @Test
    void aScriptPrintedToBeRunKeepsItsPasswordLiteralsOrItWouldSetTheWrongPassword(TestDatabase db) throws IOException {
        Files.writeString(project.resolve("migrations/001_role.sql"), "CREATE ROLE scripted LOGIN PASSWORD 'Script-Pw-6';\n");
        for (String[] args : new String[][]{{"migrate", "--dry-run", "--url", db.url()}, {"migrate", "--dry-run", "--url", db.url(), "--json"}}) {
            CliRunner.Result r = new CliRunner(project).run(args);
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains("CREATE ROLE scripted LOGIN PASSWORD 'Script-Pw-6';");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitorQueriesWithoutStatisticsRightsShowsTheRolesOwnAndNamesTheGrant(TestDatabase db, TestCluster cluster) {
        assumeStatements(cluster);
        createRole(db, "watcher", "Watcher-Pw-5");
        String url = "postgresql://watcher:Watcher-Pw-5@127.0.0.1:" + db.settings().hosts().get(0).port() + "/" + db.name();
        // Not installed yet: the role may not read shared_preload_libraries, and still gets the steps, not a raw error.
        CliRunner.Result missing = new CliRunner(project).run("monitor", "queries", "--url", url);
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(1);
        assertThat(missing.err()).contains("`CREATE EXTENSION pg_stat_statements;`").contains("pg_read_all_settings may")
                .doesNotContain("must be superuser");

        db.execute("CREATE EXTENSION pg_stat_statements");
        db.execute("SELECT count(*) FROM pg_class");   // a statement of another role
        runAs(db, "watcher", "Watcher-Pw-5", "SELECT 42 AS mine");
        CliRunner.Result text = new CliRunner(project).run("monitor", "queries", "--url", url);
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out()).contains("SELECT $1 AS mine").doesNotContain("insufficient privilege");
        assertThat(text.err()).contains("role \"watcher\" sees only its own statements")
                .contains("GRANT pg_read_all_stats TO \"watcher\";");
        Map<String, Object> json = (Map<String, Object>) Json.parse(
                new CliRunner(project).run("monitor", "queries", "--url", url, "--json").out());
        assertThat(json).containsEntry("role", "watcher").containsEntry("allRoles", false);
        assertThat((Long) json.get("hiddenStatements")).isPositive();
    }

    @Test
    void optionsAreAcceptedBeforeOrAfterTheCommandName(TestDatabase db) throws IOException {
        CliRunner cli = new CliRunner(project);
        String dir = project.resolve("elsewhere").toString();
        CliRunner.Result created = cli.run("--dir", dir, "new", "first");
        assertThat(created.exitCode()).as(created.all()).isZero();
        Files.writeString(project.resolve("elsewhere/001_first.sql"), "CREATE TABLE first (id int);\n");
        for (String[] args : new String[][]{
                {"--url", db.url(), "--dir", dir, "status"},
                {"--dir", dir, "--json", "status", "--url", db.url()},
                {"-d", dir, "--url", db.url(), "migrate", "--json"},
                {"--dir=" + dir, "status", "--url", db.url()},
                {"--limit", "3", "--url", db.url(), "monitor", "sizes"}}) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        }
        assertThat(db.tables()).contains("schema_migrations");
        CliRunner.Result unknown = cli.run("--no-such-option", "status");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--no-such-option");
    }

    @Test
    void helpSaysAPasswordOnTheCommandLineIsVisibleToOtherUsers() {
        for (String command : new String[]{"status", "migrate", "backup"}) {
            CliRunner.Result help = new CliRunner(project).run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out().replaceAll("\\s+", " ")).as(command)
                    .contains("A password written here is visible to every local user in `ps`")
                    .contains("PGPASSWORD, ~/.pgpass");
        }
    }
}
