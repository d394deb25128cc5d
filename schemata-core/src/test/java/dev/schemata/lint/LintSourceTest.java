package dev.schemata.lint;

import dev.schemata.SchemataException;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the SQL comes from: files, migrations and dbmate sections, placeholders, bad input. */
class LintSourceTest {
    @TempDir
    Path dir;

    @Test
    void aDbmateSectionReportsLinesOfTheFile() throws IOException {
        Files.writeString(dir.resolve("20240131120000_index.sql"),
                "-- migrate:up\nSET lock_timeout = '1s';\nCREATE INDEX i ON articles (title);\n\n"
                        + "-- migrate:down\nDROP INDEX i;\n");
        Migration m = MigrationSet.scan(dir).versioned().get(0);
        LintReport report = Linter.lint(List.of(LintSource.of(m)), Optional.empty(), LintOptions.defaults());
        assertThat(report.findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("index-not-concurrent", 3));
        assertThat(report.findings().get(0).excerpt()).isEqualTo("CREATE INDEX i ON articles (title);");
    }

    @Test
    void syntaxErrorsInADbmateSectionNameTheLineOfTheFile() throws IOException {
        Files.writeString(dir.resolve("20240131120000_bad.sql"), "-- migrate:up\nSELECT 1;\nSELECT 'oops;\n");
        Migration m = MigrationSet.scan(dir).versioned().get(0);
        assertThatThrownBy(() -> Linter.lint(List.of(LintSource.of(m)), Optional.empty(), LintOptions.defaults()))
                .isInstanceOf(SchemataException.class).hasMessageStartingWith("20240131120000_bad.sql:3:");
    }

    @Test
    void placeholdersReadAsNamesAndKeepColumns() {
        Lint lint = Lint.sql("SET lock_timeout = '1s';\nALTER TABLE ${schema}.articles ADD COLUMN x int NOT NULL;\n");
        assertThat(lint.of("add-column-not-null-no-default")).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo(32);
            assertThat(f.message()).contains("`schema.articles`");
            assertThat(f.excerpt()).contains("${schema}.articles");
        });
    }

    @Test
    void filesMustBeUtf8() throws IOException {
        Path file = dir.resolve("latin1.sql");
        Files.write(file, "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LintSource.read(file, "latin1.sql")).isInstanceOf(SchemataException.class)
                .hasMessage("latin1.sql: invalid UTF-8 at byte 11 (line 1); save the file as UTF-8");
    }

    @Test
    void aNulByteIsRefusedAsForMigrate() throws IOException {
        Path file = dir.resolve("nul.sql");
        Files.write(file, "SELECT 1;\nSELECT '\0';".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LintSource.read(file, "nul.sql")).isInstanceOf(SchemataException.class)
                .hasMessageStartingWith("nul.sql: a NUL byte (0x00) at byte 18 (line 2)");
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        Path file = dir.resolve("bom.sql");
        Files.writeString(file, "\uFEFFDROP TABLE t;");
        assertThat(Lint.file("bom.sql", LintSource.read(file, "bom.sql").sql()).of("drop-table"))
                .singleElement().satisfies(f -> assertThat(f.column()).isEqualTo(1));
    }

    @Test
    void planStepsAreLintedAsOneSource() {
        LintReport report = Linter.lintStatements(List.of("SET lock_timeout = '2s'", "CREATE INDEX i ON t (a)"), "plan",
                Optional.empty(), LintOptions.defaults());
        assertThat(report.findings()).extracting(Finding::rule, Finding::file, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("index-not-concurrent", "plan", 3));
    }
}
