package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code schemata lint} as a user runs it: files or the migrations directory, formats, options, exit codes. */
@ExtendWith(PostgresExtension.class)
class LintCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(dir).run(args);
    }

    @Test
    void anErrorFindingExitsOneAndShowsWhereWhatAndTheSafeAlternative() throws IOException {
        write("002_index.sql", "SET lock_timeout = '5s';\n\nCREATE INDEX articles_title_idx\n    ON articles (title);\n");
        CliRunner.Result r = run("lint", "002_index.sql");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("002_index.sql:3:1: error [index-not-concurrent] CREATE INDEX without CONCURRENTLY"
                        + " blocks writes to `articles`")
                .contains("    | CREATE INDEX articles_title_idx")
                .contains("    = safe alternative: Build the index with CREATE INDEX CONCURRENTLY")
                .contains("1 finding (1 error) in 1 file (static: no database)");
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        write("003_drop.sql", "SET lock_timeout = '5s';\nALTER TABLE articles DROP COLUMN legacy;\n");
        CliRunner.Result r = run("lint", "003_drop.sql");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("warning [drop-column]");
    }

    @Test
    void cleanFilesSayNoFindings() throws IOException {
        write("001_create.sql", "CREATE TABLE articles (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);\n"
                + "CREATE INDEX articles_title_idx ON articles (title);\n");
        CliRunner.Result r = run("lint", "001_create.sql");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("no findings in 1 file");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonOutputHasTheDocumentedShape() throws IOException {
        write("002_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        for (String[] args : new String[][]{{"lint", "--json", "002_index.sql"}, {"lint", "--format", "json", "002_index.sql"}}) {
            CliRunner.Result r = run(args);
            assertThat(r.exitCode()).isEqualTo(1);
            Map<String, Object> doc = (Map<String, Object>) Json.parse(r.out());
            List<Map<String, Object>> findings = (List<Map<String, Object>>) doc.get("findings");
            assertThat(findings).extracting(f -> f.get("rule")).containsExactly("index-not-concurrent", "missing-lock-timeout");
            assertThat(findings.get(0)).containsKeys("rule", "severity", "file", "line", "column", "message")
                    .containsEntry("file", "002_index.sql").containsEntry("line", 1L);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifOutputIsALog() throws IOException {
        write("002_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        CliRunner.Result r = run("lint", "--format", "sarif", "002_index.sql");
        assertThat(r.exitCode()).isEqualTo(1);
        Map<String, Object> log = (Map<String, Object>) Json.parse(r.out());
        assertThat(log).containsEntry("version", "2.1.0");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) log.get("runs");
        assertThat((List<Object>) runs.get(0).get("results")).hasSize(2);
    }

    @Test
    void badUsageExitsTwo() throws IOException {
        write("a.sql", "SELECT 1;");
        assertThat(run("lint", "--format", "xml", "a.sql").exitCode()).isEqualTo(2);
        assertThat(run("lint", "--json", "--format", "sarif", "a.sql").exitCode()).isEqualTo(2);
        CliRunner.Result unknown = run("lint", "--disable", "drop-tables", "a.sql");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown lint rule \"drop-tables\"");
        assertThat(run("lint", "--severity", "drop-table=fatal", "a.sql").exitCode()).isEqualTo(2);
        CliRunner.Result missing = run("lint", "missing.sql");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.sql");
        assertThat(run("lint", ".").err()).contains("is a directory");
    }

    @Test
    void unterminatedStringIsBadInputNamingTheFileAndLine() throws IOException {
        write("bad.sql", "SELECT 1;\nSELECT 'oops;\n");
        CliRunner.Result r = run("lint", "bad.sql");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.sql").contains("2");
    }

    @Test
    void disableAndSeverityOptionsChangeTheVerdict() throws IOException {
        write("002_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        assertThat(run("lint", "--disable", "index-not-concurrent", "002_index.sql").exitCode()).isZero();
        CliRunner.Result r = run("lint", "--severity", "index-not-concurrent=warning", "--severity",
                "missing-lock-timeout=error", "002_index.sql");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("warning [index-not-concurrent]").contains("error [missing-lock-timeout]");
    }

    @Test
    void explainPrintsARulesDocumentation() {
        CliRunner.Result one = run("lint", "--explain", "set-not-null");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).startsWith("## set-not-null").contains("**Safe alternative.**").contains("VALIDATE CONSTRAINT");
        CliRunner.Result all = run("lint", "--explain", "all");
        assertThat(all.out()).contains("## index-not-concurrent").contains("## init-not-rerunnable");
        CliRunner.Result unknown = run("lint", "--explain", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("known rules: index-not-concurrent");
    }

    @Test
    void withoutADatabaseTheWholeMigrationsDirectoryIsLintedStatically() throws IOException {
        write("migrations/001_create.sql", "CREATE TABLE articles (id bigint PRIMARY KEY, title text);\n");
        write("migrations/002_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        write("migrations/003_drop.sql", "ALTER TABLE articles DROP COLUMN title;\n");
        CliRunner.Result r = run("lint");
        assertThat(r.err()).contains("No database configured").contains("linting all 3 migrations of migrations statically");
        assertThat(r.out()).as("each migration runs after the earlier ones were applied, when the table holds data")
                .contains("migrations/002_index.sql:1:1: error [index-not-concurrent]")
                .contains("migrations/003_drop.sql:1:22: warning [drop-column]")
                .doesNotContain("001_create.sql");
        CliRunner.Result together = run("lint", "migrations/001_create.sql", "migrations/002_index.sql",
                "migrations/003_drop.sql");
        assertThat(together.out()).as("files named on the command line are one pending run: the table is new")
                .doesNotContain("[index-not-concurrent]").doesNotContain("[drop-column]");
        CliRunner.Result separately = run("lint", "--separately", "migrations/001_create.sql", "migrations/003_drop.sql");
        assertThat(separately.out()).contains("[drop-column]");
    }

    @Test
    void withADatabaseOnlyPendingMigrationsAreLintedAndSizesAreKnown(TestDatabase db) throws IOException {
        write("migrations/001_create.sql", "CREATE TABLE articles (id bigint PRIMARY KEY, title text);\n"
                + "INSERT INTO articles SELECT g, 'title ' || g FROM generate_series(1, 2000) g;\nANALYZE articles;\n");
        CliRunner.Result migrate = run("migrate", "--url", db.url());
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        write("migrations/002_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        CliRunner.Result r = run("lint", "--url", db.url(), "--threshold-rows", "1000");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("Linting 1 pending migration of migrations against");
        assertThat(r.out()).contains("migrations/002_index.sql:1:1: error [index-not-concurrent]")
                .contains("about 2,000 rows").doesNotContain("001_create.sql");
        CliRunner.Result small = run("lint", "--url", db.url());
        assertThat(small.out()).as("2,000 rows is below the default threshold").doesNotContain("index-not-concurrent");
        CliRunner.Result offline = run("lint", "--url", db.url(), "--no-db");
        assertThat(offline.out()).as("--no-db lints every migration statically, the table's size unknown")
                .contains("migrations/002_index.sql:1:1: error [index-not-concurrent]").doesNotContain("rows");
    }

    @Test
    void anUnreachableDatabaseExitsThreeAndSuggestsNoDb() throws IOException {
        write("a.sql", "SELECT 1;");
        CliRunner.Result r = run("lint", "--url", "postgresql://app:S3cret@127.0.0.1:1/db", "a.sql");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("--no-db");
        assertThat(r.all()).doesNotContain("S3cret");
    }

    @Test
    void theEnvironmentsLintSettingsApplyAndTheCommandLineAddsToThem() throws IOException {
        write("002_index.sql", "SET lock_timeout = '5s';\nCREATE INDEX articles_title_idx ON articles (title);\n"
                + "ALTER TABLE articles DROP COLUMN legacy;\n");
        write("schemata.toml", """
                [environments.ci.lint]
                disable = ["drop-column"]

                [environments.ci.lint.severity]
                index-not-concurrent = "warning"
                """);
        CliRunner.Result configured = run("lint", "--env", "ci", "002_index.sql");
        assertThat(configured.exitCode()).as(configured.all()).isZero();
        assertThat(configured.out()).contains("warning [index-not-concurrent]").doesNotContain("drop-column");

        CliRunner.Result overridden = run("lint", "--env", "ci", "--severity", "index-not-concurrent=error", "002_index.sql");
        assertThat(overridden.exitCode()).isEqualTo(1);
        assertThat(overridden.out()).contains("error [index-not-concurrent]").doesNotContain("drop-column");
    }
}
