package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static dev.schemata.migration.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigrationSetProblemsTest {
    @TempDir
    Path dir;

    /** Files outside the migrations directory, for links to point at. */
    @TempDir
    Path outside;

    /** The problem lines of the scan's error (the first line is the heading). */
    private List<String> problems() {
        SchemataException e = catchThrowableOfType(SchemataException.class, () -> MigrationSet.scan(dir));
        assertThat(e).as("scan must fail").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines.get(0)).startsWith("migrations directory " + dir + " has ");
        return lines.subList(1, lines.size());
    }

    private void scansCleanly() {
        assertThatCode(() -> MigrationSet.scan(dir)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            5-foo.sql                  | 5-foo.sql: not a migration name
            foo.sql                    | foo.sql: not a migration name
            V1_foo.sql                 | V1_foo.sql: Flyway names need two underscores
            R_views.sql                | R_views.sql: Flyway names need two underscores
            001_x.SQL                  | 001_x.SQL: the extension must be lower-case .sql
            001_x.up.Sql               | 001_x.up.Sql: the extension must be lower-case .sql
            001.sql                    | 001.sql: no description after the version; name it like 001_add_users.sql
            001.down.sql               | 001.down.sql: no description after the version; name it like 001_add_users.down.sql
            V1__.sql                   | V1__.sql: the description is empty; name it like V1__add_users.sql
            R__.sql                    | R__.sql: the description is empty
            001_.sql                   | 001_.sql: the description is empty
            002___.up.sql              | 002___.up.sql: the description is empty
            up.sql                     | up.sql: up.sql must be inside a <version>_name/ folder
            foo/up.sql                 | foo/up.sql: the folder name foo is not <version>_name
            2024-01-31-120000/up.sql   | 2024-01-31-120000/up.sql: the folder name 2024-01-31-120000 has no description
            2024-01-31-120000_/up.sql  | 2024-01-31-120000_/up.sql: the description is empty
            sub/notes.sql              | sub/notes.sql: not a migration name
            """)
    void badNamesAreReportedWithTheirPath(String name, String expected) {
        write(dir, "000_fine.sql", "select 0;");
        write(dir, name, "select 1;");
        assertThat(problems()).singleElement().asString().startsWith(expected);
    }

    @Test
    void nearMissesOfBadNamesAreFine() {
        write(dir, "001_x.sql", "select 1;");
        write(dir, "V2__x.sql", "select 1;");
        write(dir, "V2_1__x.sql", "select 1;");
        write(dir, "R__x.sql", "select 1;");
        write(dir, "2024-01-31-120000_x/up.sql", "select 1;");
        write(dir, "2024-01-31-120000_x/notes.md", "");
        write(dir, "003_x.sql.bak", "");
        scansCleanly();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        write(dir, "001_ok.sql", "select 1;");
        write(dir, "5-foo.sql", "select 1;");
        write(dir, "V1_foo.sql", "select 1;");
        write(dir, "002_empty.sql", "");
        write(dir, "003_x.down.sql", "select 1;");
        write(dir, "004_a.sql", "select 1;");
        write(dir, "04_b.sql", "select 1;");
        write(dir, "005_bad.sql", new byte[] {'s', (byte) 0xFF});

        List<String> problems = problems();

        // File problems in name order, then the pairing problems.
        assertThat(problems).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly(
                "002_empty.sql", "005_bad.sql", "5-foo.sql", "V1_foo.sql", "004_a.sql, 04_b.sql", "003_x.down.sql");
        assertThat(problems.get(1)).startsWith("005_bad.sql: invalid UTF-8 at byte 1");
        assertThat(problems.get(4)).startsWith("004_a.sql, 04_b.sql: duplicate version 004 = 04");
    }

    @Test
    void sameVersionTwiceNamesBothFiles() {
        write(dir, "001_a.sql", "select 1;");
        write(dir, "sub/1_b.sql", "select 1;");
        write(dir, "002_c.sql", "select 1;");
        assertThat(problems()).containsExactly(
                "001_a.sql, sub/1_b.sql: duplicate version 001 = 1; give each migration its own version");
    }

    @Test
    void sameVersionAcrossLayoutsIsADuplicate() {
        write(dir, "V2__a.sql", "select 1;");
        write(dir, "002_b.up.sql", "select 1;");
        assertThat(problems()).singleElement().asString()
                .startsWith("002_b.up.sql, V2__a.sql: duplicate version 002 = 2");
    }

    @Test
    void duplicateRepeatableDescriptions() {
        write(dir, "a/R__views.sql", "select 1;");
        write(dir, "b/R__views.sql", "select 1;");
        write(dir, "c/R__other.sql", "select 1;");
        assertThat(problems()).singleElement().asString()
                .startsWith("a/R__views.sql, b/R__views.sql: duplicate repeatable migration \"views\"");
    }

    @Test
    void moreThanOneDownForAVersion() {
        write(dir, "001_a.up.sql", "select 1;");
        write(dir, "001_a.down.sql", "select 1;");
        write(dir, "U1__a.sql", "select 1;");
        assertThat(problems()).singleElement().asString()
                .startsWith("001_a.down.sql, U1__a.sql: more than one down migration for version 001");
    }

    @Test
    void dbmateDownSectionAndDownFileConflict() {
        write(dir, "001_a.up.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n");
        write(dir, "001_a.down.sql", "select 2;");
        assertThat(problems()).singleElement().asString()
                .startsWith("001_a.up.sql, 001_a.down.sql: more than one down migration for version 001");
    }

    @Test
    void downWithoutUp() {
        write(dir, "001_a.up.sql", "select 1;");
        write(dir, "001_a.down.sql", "select 1;");
        write(dir, "003_x.down.sql", "select 1;");
        write(dir, "U7__y.sql", "select 1;");
        write(dir, "2024-01-31-120000_z/down.sql", "select 1;");
        assertThat(problems()).containsExactly(
                "003_x.down.sql: down migration for version 003 has no matching up migration",
                "U7__y.sql: down migration for version 7 has no matching up migration",
                "2024-01-31-120000_z/down.sql: down migration for version 2024-01-31-120000 has no matching up migration");
    }

    @Test
    void emptyUpFilesAreErrors() {
        write(dir, "001_zero.sql", "");
        write(dir, "002_blank.sql", " \n\t\r\n");
        write(dir, "2024-01-31-120000_x/up.sql", "\n");
        write(dir, "2024-01-31-120000_x/down.sql", "select 1;");
        write(dir, "R__nothing.sql", "");
        assertThat(problems()).containsExactly(
                "001_zero.sql: the file is empty; write the migration's SQL (only a down migration may be empty)",
                "002_blank.sql: the file is empty; write the migration's SQL (only a down migration may be empty)",
                "2024-01-31-120000_x/up.sql: the file is empty; write the migration's SQL (only a down migration may be empty)",
                "R__nothing.sql: the file is empty; write the migration's SQL (only a down migration may be empty)");
    }

    @Test
    void emptyDownFilesAreAllowed() {
        write(dir, "001_a.up.sql", "select 1;");
        write(dir, "001_a.down.sql", "");
        write(dir, "2024-01-31-120000_x/up.sql", "select 1;");
        write(dir, "2024-01-31-120000_x/down.sql", "  \n");
        write(dir, "V3__y.sql", "-- only a comment\n");
        write(dir, "U3__y.sql", "");
        scansCleanly();
    }

    @Test
    void dbmateEmptyUpSection() {
        write(dir, "20240131120000_a.sql", "-- migrate:up\n\n-- migrate:down\ndrop table a;\n");
        assertThat(problems()).containsExactly("20240131120000_a.sql: line 1: the '-- migrate:up' section is empty;"
                + " write the migration's SQL below the marker");
    }

    @Test
    void dbmateMarkerMistakes() {
        write(dir, "1_order.sql", "-- migrate:down\nselect 1;\n-- migrate:up\nselect 2;\n");
        write(dir, "2_twice.sql", "-- migrate:up\nselect 1;\n-- migrate:up\nselect 2;\n");
        write(dir, "3_before.sql", "-- about\n\nselect 0;\n-- migrate:up\nselect 1;\n");
        write(dir, "4_down_only.sql", "select 1;\n-- migrate:down\nselect 2;\n");
        write(dir, "5_x.down.sql", "-- migrate:up\nselect 1;\n");
        write(dir, "5_x.up.sql", "select 1;\n");
        assertThat(problems()).containsExactly(
                "1_order.sql: line 3: '-- migrate:up' must come before '-- migrate:down' (line 1)",
                "2_twice.sql: line 3: second '-- migrate:up' (the first is on line 1)",
                "3_before.sql: line 3: SQL before '-- migrate:up' belongs to no section and would never run;"
                        + " move it below the marker",
                "4_down_only.sql: line 2: '-- migrate:down' without a '-- migrate:up' section",
                "5_x.down.sql: line 1: a down migration cannot have a '-- migrate:up' section");
    }

    @Test
    void commentsAndBlankLinesBeforeTheUpMarkerAreFine() {
        write(dir, "1_a.sql", "-- Creates a.\n   -- indented comment\n\n-- migrate:up\nselect 1;\n");
        scansCleanly();
    }

    @Test
    void invalidUtf8IsReportedWithPathAndOffset() {
        byte[] content = "select 'caf\u00e9';\nselect 'x';\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        write(dir, "sub/002_x.sql", content);
        write(dir, "001_ok.sql", "select 'caf\u00e9';\n");
        assertThat(problems()).containsExactly(
                "sub/002_x.sql: invalid UTF-8 at byte 11 (line 1); save the file as UTF-8");
    }

    @Test
    void aNulByteIsReportedWithPathAndOffset() {
        write(dir, "001_ok.sql", "select 1;\n");
        write(dir, "002_x.sql", "select 1;\nselect '\0';\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(problems()).singleElement().asString()
                .startsWith("002_x.sql: a NUL byte (0x00) at byte 18 (line 2), which PostgreSQL cannot take in SQL text");
    }

    @Test
    void aDanglingLinkIsReportedNotSkipped() throws java.io.IOException {
        write(dir, "001_ok.sql", "select 1;\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("002_gone.sql"), Path.of("elsewhere/002_gone.sql"));
        assertThat(problems()).containsExactly("002_gone.sql: a symbolic link to elsewhere/002_gone.sql, which does not"
                + " exist; point it at the migration file or remove it");
    }

    @Test
    void aLinkToItselfIsReportedNotSkipped() throws java.io.IOException {
        write(dir, "001_ok.sql", "select 1;\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("002_loop.sql"), Path.of("002_loop.sql"));
        assertThat(problems()).singleElement().asString()
                .startsWith("002_loop.sql: a symbolic link to 002_loop.sql that cannot be followed (");
    }

    @Test
    void aLinkToSomethingThatIsNotAFileIsReported() throws Exception {
        write(dir, "001_ok.sql", "select 1;\n");
        Path fifo = outside.resolve("002_pipe.sql");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        java.nio.file.Files.createSymbolicLink(dir.resolve("002_pipe.sql"), fifo);
        assertThat(problems()).containsExactly("002_pipe.sql: not a regular file; a migration must be a file (or a link to one)");
    }

    @Test
    void aLinkedFolderLeadingBackUpIsReportedOnce() throws java.io.IOException {
        write(dir, "001_ok.sql", "select 1;\n");
        write(dir, "sub/002_ok.sql", "select 2;\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("sub/again"), Path.of(".."));
        assertThat(problems()).singleElement().asString()
                .startsWith("sub/again: a linked folder that leads to ").endsWith(", which is already scanned; remove the link");
    }

    @Test
    void aLinkToAFileOrAFolderIsFollowed() throws java.io.IOException {
        Path shared = write(outside, "shared/003_shared.sql", "select 3;\n").getParent();
        Path real = write(outside, "001_real.sql", "select 1;\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("001_linked.sql"), real);
        java.nio.file.Files.createSymbolicLink(dir.resolve("more"), shared);
        java.nio.file.Files.createSymbolicLink(dir.resolve("notes.txt"), Path.of("missing.txt"));
        MigrationSet set = MigrationSet.scan(dir);
        assertThat(set.versioned()).extracting(Migration::relativePath).containsExactly("001_linked.sql", "more/003_shared.sql");
        assertThat(MigrationFiles.text(set.versioned().get(0))).isEqualTo("select 1;\n");
    }

    @Test
    void aLargeDirectoryReportsItsProblemsInFileOrderAsASmallOneDoes() {
        // Enough files that the scan reads them several at a time; the problems must still come out in
        // name order, naming problems and content problems interleaved as the files are.
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            String version = String.format("%04d", i);
            switch (i % 100) {
                case 7 -> {
                    write(dir, version + "_empty.sql", "  \n");
                    expected.add(version + "_empty.sql: the file is empty; write the migration's SQL"
                            + " (only a down migration may be empty)");
                }
                case 31 -> {
                    write(dir, version + "_latin1.sql", new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xE9, ';'});
                    expected.add(version + "_latin1.sql: invalid UTF-8 at byte 7 (line 1); save the file as UTF-8");
                }
                case 58 -> {
                    write(dir, version + ".sql", "SELECT 1;");
                    expected.add(version + ".sql: no description after the version; name it like " + version + "_add_users.sql");
                }
                case 77 -> {
                    write(dir, version + "_sections.sql", "-- migrate:down\nDROP TABLE t;\n");
                    expected.add(version + "_sections.sql: line 1: '-- migrate:down' without a '-- migrate:up' section");
                }
                default -> write(dir, version + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\n");
            }
        }
        assertThat(problems()).containsExactlyElementsOf(expected);
    }
}
