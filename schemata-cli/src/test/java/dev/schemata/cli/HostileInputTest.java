package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that used to be misread without a word: each is refused with exit 2 and a message naming the file
 * (and line or byte), before anything changes; its near miss still works.
 */
@ExtendWith(PostgresExtension.class)
class HostileInputTest {
    @TempDir
    Path project;

    @TempDir
    Path outside;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_first.sql"), "CREATE TABLE first (id int);\n");
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    private void assertNothingChanged(TestDatabase db) {
        assertThat(db.tables()).isEmpty();
    }

    // ---------------------------------------------------------------- symbolic links

    @Test
    void aDanglingLinkedMigrationIsAnErrorForStatusValidateAndMigrate(TestDatabase db) throws IOException {
        Files.createSymbolicLink(migrations.resolve("002_second.sql"), outside.resolve("002_second.sql"));
        for (String command : new String[]{"status", "validate", "migrate"}) {
            CliRunner.Result r = run(command, "--url", db.url());
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("002_second.sql: a symbolic link to " + outside.resolve("002_second.sql")
                    + ", which does not exist");
        }
        assertNothingChanged(db);
    }

    @Test
    void aSelfReferencingLinkIsAnError(TestDatabase db) throws IOException {
        Files.createSymbolicLink(migrations.resolve("002_second.sql"), Path.of("002_second.sql"));
        CliRunner.Result r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("002_second.sql: a symbolic link to 002_second.sql that cannot be followed");
        assertNothingChanged(db);
    }

    @Test
    void aLinkToAFileIsFollowed(TestDatabase db) throws IOException {
        Path real = Files.writeString(outside.resolve("shared.sql"), "CREATE TABLE second (id int);\n");
        Files.createSymbolicLink(migrations.resolve("002_second.sql"), real);
        CliRunner.Result r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(db.tables()).contains("first", "second");
    }

    // ---------------------------------------------------------------- NUL bytes

    @Test
    void aNulByteIsRefusedBeforeTheFirstChange(TestDatabase db) throws IOException {
        Files.write(migrations.resolve("002_second.sql"),
                "CREATE TABLE second (id int);\nINSERT INTO second VALUES (1);\u0000\n".getBytes(StandardCharsets.UTF_8));
        CliRunner.Result r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("002_second.sql: a NUL byte (0x00) at byte 60 (line 2)");
        assertNothingChanged(db);
        CliRunner.Result dryRun = run("migrate", "--dry-run", "--url", db.url());
        assertThat(dryRun.exitCode()).isEqualTo(2);
        assertThat(dryRun.err()).contains("002_second.sql: a NUL byte (0x00) at byte 60 (line 2)");
    }

    // ---------------------------------------------------------------- directives and durations

    @Test
    void aDirectiveThatDoesNotReadFailsMigrateDryRunAndLintAlike(TestDatabase db) throws IOException {
        Files.writeString(migrations.resolve("002_second.sql"),
                "CREATE TABLE second (id int);\n-- schemata:statment-timeout 5s\nINSERT INTO second VALUES (1);\n");
        String problem = "002_second.sql:2: unknown directive schemata:statment-timeout (did you mean"
                + " schemata:statement-timeout?)";
        for (String[] args : new String[][]{{"migrate", "--url", db.url()}, {"migrate", "--dry-run", "--url", db.url()},
                {"lint", "--url", db.url()}, {"lint", "--no-db"}}) {
            CliRunner.Result r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains(problem).doesNotContain("\tat ");
        }
        assertNothingChanged(db);
    }

    @Test
    void aDirectiveRightAfterTheDashesAppliesAndOneInCapitalsIsRefused(TestDatabase db) throws IOException {
        // The migration checks the timeout it runs under: it used to run with none at all.
        Path second = Files.writeString(migrations.resolve("002_second.sql"), """
                --schemata:lock-timeout 1s
                DO $$ BEGIN
                  IF current_setting('lock_timeout') <> '1s' THEN
                    RAISE EXCEPTION 'lock_timeout is %', current_setting('lock_timeout');
                  END IF;
                END $$;
                """);
        Files.writeString(second, Files.readString(second).replace("--schemata:", "-- SCHEMATA:"));
        CliRunner.Result r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("002_second.sql:1: \"SCHEMATA:lock-timeout\" is not read as a directive;"
                + " directives are written in lower case (did you mean schemata:lock-timeout?)");
        assertNothingChanged(db);

        Files.writeString(second, Files.readString(second).replace("-- SCHEMATA:", "--schemata:"));
        r = run("migrate", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE version = '002' AND success")).isEqualTo(1L);
    }

    @Test
    void anOutOfRangeOrUnreadableDurationIsAUsageError(TestDatabase db) {
        for (String value : new String[]{"3000000h", "99999999999999999999h"}) {
            CliRunner.Result r = run("migrate", "--lock-timeout", value, "--url", db.url());
            assertThat(r.exitCode()).as(value).isEqualTo(2);
            assertThat(r.err()).as(value).contains("--lock-timeout: \"" + value + "\" is out of range: at most 24d")
                    .doesNotContain("Exception");
        }
        CliRunner.Result r = run("migrate", "--lock-timeout", "1sec", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--lock-timeout: \"1sec\": unknown unit \"sec\"; expected a whole number and a unit");
        assertNothingChanged(db);
        assertThat(run("migrate", "--lock-timeout", "24d", "--url", db.url()).exitCode()).isZero();
    }

    // ---------------------------------------------------------------- the history table's name

    @Test
    void aQuotedHistoryTableNameIsReadAsPostgresqlReadsIt(TestDatabase db) {
        CliRunner.Result r = run("migrate", "--history-table", "Ops.\"My Hist\"", "--url", db.url());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(db.value("SELECT string_agg(schemaname || '|' || tablename, ',' ORDER BY tablename) FROM pg_tables"
                + " WHERE tablename ILIKE '%hist%'")).isEqualTo("ops|My Hist,ops|My Hist_sizes");
        CliRunner.Result status = run("status", "--history-table", "ops.\"My Hist\"", "--url", db.url());
        assertThat(status.out()).contains("001      first        applied");
    }

    @Test
    void aHistoryTableOfThreePartsIsRefused(TestDatabase db) throws IOException {
        CliRunner.Result r = run("migrate", "--history-table", "a.b.c", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--history-table: invalid history table a.b.c: it has 3 parts; a history table is"
                + " [schema.]table");
        Files.writeString(project.resolve("schemata.toml"), "history_table = \"public.\\\"my hist\"\n");
        CliRunner.Result config = run("migrate", "--url", db.url());
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("schemata.toml:1: invalid history table public.\"my hist: expected [schema.]table");
        assertNothingChanged(db);
    }

    // ---------------------------------------------------------------- placeholder values

    @Test
    void aPlaceholderValueWithAQuoteOrSemicolonIsWarnedAbout(TestDatabase db) throws IOException {
        Files.writeString(migrations.resolve("002_second.sql"), "CREATE TABLE second (v text);\n"
                + "INSERT INTO second VALUES ('${v}');\n");
        CliRunner.Result plain = run("migrate", "--dry-run", "--placeholder", "v=plain", "--url", db.url());
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.err()).doesNotContain("warning");
        for (String value : new String[]{"x'); DROP TABLE first; --", "a;b", "say \"hi\""}) {
            CliRunner.Result r = run("migrate", "--dry-run", "--placeholder", "v=" + value, "--url", db.url());
            assertThat(r.exitCode()).as(value).isZero();
            assertThat(r.err()).as(value).contains("warning: --placeholder v: the value holds a quote or ';' and is pasted"
                    + " into the SQL as it is");
        }
        // Flyway's semantics, kept and documented: the value is SQL text.
        CliRunner.Result r = run("migrate", "--quiet", "--placeholder", "v=x'); DROP TABLE first; --", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("warning: --placeholder v:");
        assertThat(db.tables()).contains("second").doesNotContain("first");
    }
}
