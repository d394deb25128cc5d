package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The migration commands as a user runs them: output streams, JSON documents and exit codes. */
@ExtendWith(PostgresExtension.class)
class MigrationCommandsTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_initial_schema.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(migrations.resolve("002_more.sql"), "CREATE TABLE b (id int);\n");
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusJsonListsEveryMigrationWithItsState(TestDatabase db) {
        assertThat(run("migrate", "--url", db.url(), "--target", "1").exitCode()).isZero();
        CliRunner.Result r = run("status", "--json", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        assertThat(json).containsEntry("database", db.maskedUrl()).containsEntry("current", "001");
        List<Map<String, Object>> list = (List<Map<String, Object>>) json.get("migrations");
        assertThat(list).extracting(m -> m.get("version") + ":" + m.get("state") + ":" + m.get("file") + ":" + m.get("kind"))
                .containsExactly("001:applied:001_initial_schema.sql:versioned", "002:pending:002_more.sql:versioned");
        assertThat(list.get(0)).containsKeys("description", "checksum", "appliedAt", "executionMs");
        assertThat(list.get(1).get("appliedAt")).isNull();
    }

    @Test
    void humanStatusIsATableOnStdout(TestDatabase db) {
        run("migrate", "--url", db.url());
        CliRunner.Result r = run("status", "--url", db.url());
        assertThat(r.out()).contains("Current version: 002").contains("VERSION  DESCRIPTION     STATE")
                .contains("001      initial schema  applied");
    }

    @Test
    void migrateReportsProgressOnStderrAndJsonOnStdout(TestDatabase db) {
        CliRunner.Result r = run("migrate", "--json", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("applied 001 initial schema (").contains("applied 2 migrations in");
        assertThat(Json.parse(r.out())).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("currentVersion", "002").containsEntry("initialVersion", null);
    }

    @Test
    void aFailingMigrationExitsOneWithFileLineAndNoStackTrace(TestDatabase db) throws IOException {
        Files.writeString(migrations.resolve("003_bad.sql"), "CREATE TABLE c (id int);\nSELECT * FROM missing_table;\n");
        CliRunner.Result r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: applied 2 migrations (up to 002), then: 003_bad.sql:2: ERROR: relation \"missing_table\" does not exist")
                .doesNotContain("\tat dev.schemata");
        assertThat(db.tables()).doesNotContain("c");
        CliRunner.Result debug = run("migrate", "--debug", "--url", db.url());
        assertThat(debug.err()).contains("\tat dev.schemata");
    }

    @Test
    void badFileNamesExitTwoBeforeConnecting() throws IOException {
        Files.writeString(migrations.resolve("3-oops.sql"), "SELECT 1;");
        CliRunner.Result r = run("migrate", "--url", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("3-oops.sql");
    }

    @Test
    void dryRunPrintsSqlAndChangesNothing(TestDatabase db) {
        CliRunner.Result r = run("migrate", "--dry-run", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("CREATE TABLE a (id int);").contains("INSERT INTO \"public\".\"schema_migrations\"");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void validateExitsOneWithAReport(TestDatabase db) throws IOException {
        run("migrate", "--url", db.url());
        assertThat(run("validate", "--url", db.url()).exitCode()).isZero();
        Files.writeString(migrations.resolve("001_initial_schema.sql"), "CREATE TABLE a (id bigint);\n");
        CliRunner.Result r = run("validate", "--url", db.url(), "--require-table", "a", "--require-table", "zz",
                "--require-index", "nope_idx");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("found 3 problems")
                .contains("001_initial_schema.sql: changed since it was applied")
                .contains("required table zz does not exist")
                .contains("required index nope_idx does not exist")
                .doesNotContain("required table a ");
    }

    @Test
    void newCreatesTheNextFileInTheDirectorysStyle() {
        CliRunner.Result r = run("new", "add", "new", "feature");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("migrations/003_add_new_feature.sql");
        assertThat(migrations.resolve("003_add_new_feature.sql")).exists();
    }

    @Test
    void baselineAndRepairThroughTheCli(TestDatabase db) {
        db.execute("CREATE TABLE a (id int)");
        assertThat(run("baseline", "--version", "1", "--url", db.url()).exitCode()).isZero();
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        assertThat(db.tables()).contains("a", "b");
        CliRunner.Result repair = run("repair", "--json", "--url", db.url());
        assertThat(repair.exitCode()).isZero();
        assertThat(repair.out()).contains("\"removedRows\": []");
    }
}
