package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate --lint}: findings are printed before applying, and {@code error} stops the run before any change. */
@ExtendWith(PostgresExtension.class)
class MigrateLintTest {
    @TempDir
    Path dir;

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve("migrations").resolve(name), sql);
    }

    /** A table far above the default size threshold, applied by a first migrate. */
    private void largeTable(TestDatabase db) throws IOException {
        write("001_articles.sql", "CREATE TABLE articles (id bigint PRIMARY KEY, title text);\n"
                + "INSERT INTO articles SELECT g, 'a title of some length ' || g FROM generate_series(1, 30000) g;\n");
        CliRunner.Result first = new CliRunner(dir).run("migrate", "--url", db.url());
        assertThat(first.exitCode()).as(first.all()).isZero();
        db.execute("ANALYZE articles");
        write("002_index.sql", "CREATE TABLE tags (id bigint PRIMARY KEY);\n"
                + "CREATE INDEX articles_title_idx ON articles (title);\n");
    }

    @Test
    void lintErrorStopsTheRunBeforeAnythingChanges(TestDatabase db) throws IOException {
        largeTable(db);
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint=error");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("nothing was applied")
                .contains("migrations/002_index.sql:2:1: error [index-not-concurrent]").contains("about 30 k rows");
        assertThat(db.tables()).doesNotContain("tags");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE version = '002'")).isEqualTo(0L);
    }

    @Test
    void lintWarnPrintsFindingsAndApplies(TestDatabase db) throws IOException {
        largeTable(db);
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("error [index-not-concurrent]").contains("lint: 2 findings");
        assertThat(db.tables()).contains("tags");
    }

    @Test
    void lintOffPrintsNothing(TestDatabase db) throws IOException {
        largeTable(db);
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint", "off");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).doesNotContain("index-not-concurrent");
    }

    @Test
    void lintErrorLetsCleanMigrationsThrough(TestDatabase db) throws IOException {
        write("001_articles.sql", "CREATE TABLE articles (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);\n"
                + "CREATE INDEX articles_title_idx ON articles (title);\n");
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint=error");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.tables()).contains("articles");
    }

    @Test
    void onlyTheMigrationsThisRunAppliesAreLinted(TestDatabase db) throws IOException {
        largeTable(db);
        Files.delete(dir.resolve("migrations/002_index.sql"));
        write("002_tags.sql", "CREATE TABLE tags (id bigint PRIMARY KEY);\n");
        write("003_index.sql", "CREATE INDEX articles_title_idx ON articles (title);\n");
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint=error", "--target", "2");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.tables()).contains("tags");
    }

    @Test
    void placeholdersAreReplacedBeforeLinting(TestDatabase db) throws IOException {
        largeTable(db);
        write("002_index.sql", "CREATE INDEX articles_title_idx ON ${schema}.articles (title);\n");
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint=error", "--placeholder",
                "schema=public");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("`public.articles`").contains("about 30 k rows");
    }

    @Test
    void invalidLintModeIsBadUsage(TestDatabase db) {
        CliRunner.Result r = new CliRunner(dir).run("migrate", "--url", db.url(), "--lint=strict");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--lint: expected off, warn or error");
    }
}
