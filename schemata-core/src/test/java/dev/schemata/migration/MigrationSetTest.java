package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Migration.Kind;
import dev.schemata.migration.Migration.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.schemata.migration.MigrationFiles.text;
import static dev.schemata.migration.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationSetTest {
    @TempDir
    Path dir;

    private static List<String> paths(List<Migration> migrations) {
        return migrations.stream().map(Migration::relativePath).toList();
    }

    private static String checksumOf(String text) {
        return Checksum.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text");
    }

    @Test
    void numberedFiles() {
        Path first = write(dir, "001_initial_schema.sql", "create table a (id int);\n");
        write(dir, "010_add_index.sql", "create index on a (id);\n");
        write(dir, "002_add_users.sql", "create table users (id int);\n");

        MigrationSet set = MigrationSet.scan(dir);

        assertThat(paths(set.versioned())).containsExactly("001_initial_schema.sql", "002_add_users.sql", "010_add_index.sql");
        Migration migration = set.versioned().get(0);
        assertThat(migration.version()).isEqualTo(Version.parse("001"));
        assertThat(migration.description()).isEqualTo("initial schema");
        assertThat(migration.kind()).isEqualTo(Kind.VERSIONED);
        assertThat(migration.layout()).isEqualTo(Layout.NUMBERED);
        assertThat(migration.file()).isEqualTo(MigrationFile.of(first));
        assertThat(migration.checksum()).isEqualTo(Checksum.of(first));
        assertThat(migration.lineOffset()).isZero();
        assertThat(migration.down()).isEmpty();
        assertThat(text(migration)).isEqualTo("create table a (id int);\n");
        assertThat(set.repeatable()).isEmpty();
    }

    @Test
    void timestampsAsNumberedVersions() {
        write(dir, "20240201090000_b.sql", "select 2;");
        write(dir, "20240131120000_a.sql", "select 1;");
        assertThat(paths(MigrationSet.scan(dir).versioned())).containsExactly("20240131120000_a.sql", "20240201090000_b.sql");
    }

    @Test
    void golangMigrateUpAndDownFiles() {
        write(dir, "001_create_users.up.sql", "create table users (id int);\n");
        Path down = write(dir, "001_create_users.down.sql", "drop table users;\n");
        write(dir, "002_add_email.up.sql", "alter table users add email text;\n");

        MigrationSet set = MigrationSet.scan(dir);

        assertThat(paths(set.versioned())).containsExactly("001_create_users.up.sql", "002_add_email.up.sql");
        Migration first = set.versioned().get(0);
        assertThat(first.layout()).isEqualTo(Layout.UP_DOWN_FILES);
        assertThat(first.description()).isEqualTo("create users");
        assertThat(first.down()).hasValueSatisfying(d -> {
            assertThat(d.file()).isEqualTo(MigrationFile.of(down));
            assertThat(d.relativePath()).isEqualTo("001_create_users.down.sql");
            assertThat(d.checksum()).isEqualTo(Checksum.of(down));
            assertThat(d.blank()).isFalse();
            assertThat(text(d)).isEqualTo("drop table users;\n");
        });
        assertThat(set.versioned().get(1).down()).isEmpty();
    }

    @Test
    void flywayVersionedUndoAndRepeatable() {
        write(dir, "V2__d.sql", "select 2;");
        write(dir, "V1__init.sql", "select 1;");
        write(dir, "V1_1__underscore_means_dot.sql", "select 11;");
        write(dir, "V1.10__c.sql", "select 110;");
        write(dir, "U1__init.sql", "select -1;");
        write(dir, "R__views.sql", "create or replace view v as select 1;");
        write(dir, "R__a_functions.sql", "select 'f';");

        MigrationSet set = MigrationSet.scan(dir);

        assertThat(paths(set.versioned())).containsExactly("V1__init.sql", "V1_1__underscore_means_dot.sql", "V1.10__c.sql", "V2__d.sql");
        assertThat(set.versioned().get(1).version()).hasToString("1_1");
        assertThat(set.versioned().get(1).description()).isEqualTo("underscore means dot");
        assertThat(set.versioned().get(0).down()).map(DownMigration::relativePath).contains("U1__init.sql");
        assertThat(set.versioned().get(3).down()).isEmpty();
        assertThat(set.repeatable()).extracting(Migration::description).containsExactly("a functions", "views");
        assertThat(set.repeatable()).allSatisfy(r -> {
            assertThat(r.version()).isNull();
            assertThat(r.kind()).isEqualTo(Kind.REPEATABLE);
            assertThat(r.isRepeatable()).isTrue();
        });
        assertThat(paths(set.all())).containsExactly("V1__init.sql", "V1_1__underscore_means_dot.sql", "V1.10__c.sql",
                "V2__d.sql", "R__a_functions.sql", "R__views.sql");
        assertThat(set.find(Version.parse("1.1"))).map(Migration::relativePath).contains("V1_1__underscore_means_dot.sql");
    }

    @Test
    void dieselFolders() {
        write(dir, "00000000000000_diesel_initial_setup/up.sql", "create function f() returns int as 'select 1' language sql;\n");
        write(dir, "00000000000000_diesel_initial_setup/down.sql", "drop function f;\n");
        write(dir, "2026-06-03-220228-0000_add_child_count/up.sql", "select 3;\n");
        write(dir, "2026-06-03-220228-0000_add_child_count/down.sql", "select -3;\n");
        write(dir, "2019-02-26-002946_create_user/up.sql", "create table users (id int);\n");
        write(dir, "2019-02-26-002946_create_user/down.sql", " \n\t\n");
        write(dir, "2019-02-26-002946_create_user/metadata.toml", "run_in_transaction = false\n");

        MigrationSet set = MigrationSet.scan(dir);

        assertThat(paths(set.versioned())).containsExactly("00000000000000_diesel_initial_setup/up.sql",
                "2019-02-26-002946_create_user/up.sql", "2026-06-03-220228-0000_add_child_count/up.sql");
        Migration user = set.versioned().get(1);
        assertThat(user.layout()).isEqualTo(Layout.DIESEL);
        assertThat(user.version()).hasToString("2019-02-26-002946");
        assertThat(user.description()).isEqualTo("create user");
        assertThat(user.down()).hasValueSatisfying(d -> {
            assertThat(d.relativePath()).isEqualTo("2019-02-26-002946_create_user/down.sql");
            assertThat(d.blank()).isTrue();
        });
        assertThat(set.versioned().get(2).version()).hasToString("2026-06-03-220228-0000");
        assertThat(set.versioned().get(2).down()).hasValueSatisfying(d -> assertThat(d.blank()).isFalse());
        assertThat(set.find(Version.parse("2019-02-26-2946"))).contains(user);
        assertThat(set.latest()).contains(set.versioned().get(2));
    }

    @Test
    void dbmateSectionsKeepTheirFileLines() {
        String file = """
                -- Adds users.
                -- migrate:up
                create table users (
                  id int
                );

                -- migrate:down
                drop table users;
                """;
        write(dir, "20240131120000_create_users.sql", file);

        Migration migration = MigrationSet.scan(dir).versioned().get(0);

        assertThat(migration.layout()).isEqualTo(Layout.DBMATE);
        assertThat(migration.description()).isEqualTo("create users");
        assertThat(migration.lineOffset()).isEqualTo(2);
        assertThat(migration.endLine()).isEqualTo(6);
        String up = "create table users (\n  id int\n);\n\n";
        assertThat(text(migration)).isEqualTo(up);
        assertThat(migration.checksum()).isEqualTo(checksumOf(up));
        // "id int" is line 2 of the section and line 4 of the file.
        assertThat(file.lines().toList().get(2 + migration.lineOffset() - 1)).isEqualTo("  id int");
        assertThat(migration.down()).hasValueSatisfying(d -> {
            assertThat(d.relativePath()).isEqualTo("20240131120000_create_users.sql");
            assertThat(d.lineOffset()).isEqualTo(7);
            assertThat(text(d)).isEqualTo("drop table users;\n");
            assertThat(d.checksum()).isEqualTo(checksumOf("drop table users;\n"));
            assertThat(d.blank()).isFalse();
        });
    }

    @Test
    void dbmateChecksumIgnoresTheDownSectionAndLineEnds() {
        write(dir, "1_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n");
        write(dir, "2_b.sql", "-- migrate:up\r\nselect 1;\r\n-- migrate:down\r\nselect 3;\r\n");
        write(dir, "3_c.sql", "-- migrate:up\nselect 1;\n");
        List<Migration> migrations = MigrationSet.scan(dir).versioned();

        assertThat(migrations).extracting(Migration::checksum).containsOnly(checksumOf("select 1;\n"));
        // The CRLF file's reader keeps its line ends and stops before the down marker.
        assertThat(text(migrations.get(1))).isEqualTo("select 1;\r\n");
        assertThat(text(migrations.get(1).down().orElseThrow())).isEqualTo("select 3;\r\n");
        assertThat(migrations.get(2).down()).isEmpty();
        assertThat(migrations.get(2).endLine()).isZero();
    }

    @Test
    void dbmateMarkersMayCarryOptionsButMustBeWholeWords() {
        write(dir, "1_a.sql", "-- migrate:up transaction:false\ncreate index concurrently i on t (c);\n--migrate:down\ndrop index i;\n");
        write(dir, "2_b.sql", "-- migrate:upgrade notes\nselect 1;\n");
        List<Migration> migrations = MigrationSet.scan(dir).versioned();

        assertThat(migrations.get(0).layout()).isEqualTo(Layout.DBMATE);
        assertThat(text(migrations.get(0))).isEqualTo("create index concurrently i on t (c);\n");
        assertThat(migrations.get(0).down()).map(MigrationFiles::text).contains("drop index i;\n");
        assertThat(migrations.get(1).layout()).isEqualTo(Layout.NUMBERED);
        assertThat(text(migrations.get(1))).isEqualTo("-- migrate:upgrade notes\nselect 1;\n");
    }

    @Test
    void dbmateEmptyDownSectionIsAllowed() {
        write(dir, "20240131120000_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\n\n");
        Migration migration = MigrationSet.scan(dir).versioned().get(0);
        assertThat(migration.down()).hasValueSatisfying(d -> assertThat(d.blank()).isTrue());
    }

    @Test
    void readerDropsTheByteOrderMarkOnly() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] sql = "select 'é';\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + sql.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(sql, 0, content, 3, sql.length);
        write(dir, "001_a.sql", content);
        Migration migration = MigrationSet.scan(dir).versioned().get(0);
        assertThat(text(migration)).isEqualTo("select 'é';\r\n");
        assertThat(migration.checksum()).isEqualTo(checksumOf("select 'é';\n"));
    }

    @Test
    void walksSubfoldersInNameOrderAndSkipsHiddenAndNonSqlFiles() {
        write(dir, "001_a.sql", "select 1;");
        write(dir, "more/002_b.sql", "select 2;");
        write(dir, ".hidden/001_duplicate.sql", "select 1;");
        write(dir, ".002_hidden.sql", "");
        write(dir, ".gitkeep", "");
        write(dir, "README.md", "notes");
        write(dir, "notes.txt", "");
        write(dir, "more/.DS_Store", "x");

        MigrationSet set = MigrationSet.scan(dir);

        assertThat(paths(set.versioned())).containsExactly("001_a.sql", "more/002_b.sql");
    }

    @Test
    void findUsesNumericEquality() {
        write(dir, "001_a.sql", "select 1;");
        write(dir, "002_b.sql", "select 2;");
        MigrationSet set = MigrationSet.scan(dir);
        assertThat(set.find(Version.parse("1"))).map(Migration::relativePath).contains("001_a.sql");
        assertThat(set.find(Version.parse("2"))).map(Migration::relativePath).contains("002_b.sql");
        assertThat(set.find(Version.parse("3"))).isEmpty();
        assertThat(set.latest()).map(Migration::relativePath).contains("002_b.sql");
    }

    @Test
    void emptyDirectoryIsAnEmptySet() {
        MigrationSet set = MigrationSet.scan(dir);
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.latest()).isEmpty();
    }

    @Test
    void missingDirectoryIsNamed() {
        Path missing = Path.of("./migrations-that-do-not-exist");
        assertThatThrownBy(() -> MigrationSet.scan(missing))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessage("migrations directory ./migrations-that-do-not-exist does not exist");
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("migrations"), "");
        assertThatThrownBy(() -> MigrationSet.scan(file))
                .isInstanceOf(SchemataException.class)
                .hasMessage("migrations directory " + file + " is not a directory");
    }
}
