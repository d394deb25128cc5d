package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.schemata.migration.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewMigrationTest {
    /** 2025-03-04 05:06:07 UTC, seen from a zone far from UTC to prove timestamps are UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneId.of("Pacific/Auckland"));

    @TempDir
    Path dir;

    private NewMigration plan(String name) {
        return NewMigration.plan(MigrationSet.scan(dir), name, CLOCK);
    }

    private List<String> plannedPaths(NewMigration planned) {
        return planned.files().stream().map(f -> dir.relativize(f.path()).toString().replace('\\', '/')).toList();
    }

    @Test
    void emptyDirectoryStartsAt001() {
        NewMigration planned = plan("add new feature");
        assertThat(plannedPaths(planned)).containsExactly("001_add_new_feature.sql");
        assertThat(planned.version()).hasToString("001");
        assertThat(planned.description()).isEqualTo("add_new_feature");
    }

    @ParameterizedTest
    @CsvSource({
            "004_x.sql,  005_add_new_feature.sql",
            "9_x.sql,    10_add_new_feature.sql",
            "0099_x.sql, 0100_add_new_feature.sql",
            "999_x.sql,  1000_add_new_feature.sql"})
    void numberedKeepsTheWidth(String latest, String expected) {
        write(dir, "001_first.sql", "select 1;");
        write(dir, latest, "select 1;");
        assertThat(plannedPaths(plan("add new feature"))).containsExactly(expected);
    }

    @Test
    void numberedTimestampsUseTheClock() {
        write(dir, "20240131120000_a.sql", "select 1;");
        assertThat(plannedPaths(plan("b"))).containsExactly("20250304050607_b.sql");
    }

    @Test
    void aClockBehindTheLatestTimestampStillComesAfterIt() {
        write(dir, "20300101000000_future.sql", "select 1;");
        assertThat(plannedPaths(plan("b"))).containsExactly("20300101000001_b.sql");
    }

    @Test
    void upDownFiles() {
        write(dir, "004_a.up.sql", "select 1;");
        write(dir, "004_a.down.sql", "select 1;");
        NewMigration planned = plan("Add new feature");
        assertThat(plannedPaths(planned)).containsExactly("005_add_new_feature.up.sql", "005_add_new_feature.down.sql");
    }

    @ParameterizedTest
    @CsvSource({
            "V4__x.sql,   V5__add_new_feature.sql",
            "V1.2__x.sql, V1.3__add_new_feature.sql",
            "V1_9__x.sql, V1_10__add_new_feature.sql"})
    void flyway(String latest, String expected) {
        write(dir, "V1__first.sql", "select 1;");
        write(dir, latest, "select 1;");
        write(dir, "R__views.sql", "select 1;");
        assertThat(plannedPaths(plan("add new feature"))).containsExactly(expected);
    }

    @Test
    void onlyRepeatablesMeansFlyway() {
        write(dir, "R__views.sql", "select 1;");
        assertThat(plannedPaths(plan("x"))).containsExactly("V1__x.sql");
    }

    @Test
    void dieselFolder() {
        write(dir, "00000000000000_diesel_initial_setup/up.sql", "select 1;");
        write(dir, "2019-02-26-002946_create_user/up.sql", "select 1;");
        NewMigration planned = plan("add new feature");
        assertThat(plannedPaths(planned)).containsExactly("2025-03-04-050607_add_new_feature/up.sql",
                "2025-03-04-050607_add_new_feature/down.sql");
        assertThat(planned.files()).allSatisfy(f -> assertThat(f.content()).isEmpty());
    }

    @Test
    void dieselAfterOnlyTheInitialSetup() {
        write(dir, "00000000000000_diesel_initial_setup/up.sql", "select 1;");
        assertThat(plannedPaths(plan("x"))).containsExactly("2025-03-04-050607_x/up.sql", "2025-03-04-050607_x/down.sql");
    }

    @Test
    void dieselKeepsTheSuffixOfNewerDieselVersions() {
        write(dir, "2024-06-24-000000_a/up.sql", "select 1;");
        write(dir, "2025-01-01-120000-0000_b/up.sql", "select 1;");
        assertThat(plannedPaths(plan("x"))).containsExactly("2025-03-04-050607-0000_x/up.sql",
                "2025-03-04-050607-0000_x/down.sql");
    }

    @Test
    void dieselClockBehind() {
        write(dir, "2030-01-01-235959_a/up.sql", "select 1;");
        assertThat(plannedPaths(plan("x"))).containsExactly("2030-01-02-000000_x/up.sql", "2030-01-02-000000_x/down.sql");
    }

    @Test
    void dbmateFileWithSkeleton() {
        write(dir, "20240131120000_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n");
        NewMigration planned = plan("add new feature");
        assertThat(plannedPaths(planned)).containsExactly("20250304050607_add_new_feature.sql");
        assertThat(planned.files().get(0).content()).isEqualTo("-- migrate:up\n\n\n-- migrate:down\n\n");
    }

    @Test
    void followsTheLatestMigrationsStyle() {
        write(dir, "001_old_style.sql", "select 1;");
        write(dir, "V2__new_style.sql", "select 1;");
        assertThat(plannedPaths(plan("x"))).containsExactly("V3__x.sql");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "add new feature      | add_new_feature",
            "Add New  Feature!    | add_new_feature",
            "  --drop-old_table-- | drop_old_table",
            "café au lait 2       | caf_au_lait_2"})
    void namesAreSanitised(String name, String expected) {
        assertThat(NewMigration.sanitise(name)).isEqualTo(expected);
    }

    @Test
    void aNameWithoutLettersIsRefused() {
        assertThatThrownBy(() -> plan(" -!- "))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessageContaining("' -!- ' has no letters or digits");
    }

    @Test
    void writtenMigrationIsFoundByTheNextScanOnceItHasSql() throws Exception {
        write(dir, "2024-06-24-000000_a/up.sql", "select 1;");
        NewMigration planned = plan("add users");
        planned.write();

        Path up = dir.resolve("2025-03-04-050607_add_users/up.sql");
        assertThat(up).exists().isEmptyFile();
        assertThat(dir.resolve("2025-03-04-050607_add_users/down.sql")).exists();
        // The empty up file blocks the directory until it is written.
        assertThatThrownBy(() -> MigrationSet.scan(dir)).hasMessageContaining("2025-03-04-050607_add_users/up.sql: the file is empty");

        Files.writeString(up, "create table users (id int);\n");
        MigrationSet set = MigrationSet.scan(dir);
        assertThat(set.latest()).hasValueSatisfying(m -> {
            assertThat(m.version()).isEqualTo(planned.version());
            assertThat(m.description()).isEqualTo("add users");
            assertThat(m.down()).isPresent();
        });
    }

    @Test
    void writtenDbmateSkeletonNeedsItsUpSection() throws Exception {
        write(dir, "20240131120000_a.sql", "-- migrate:up\nselect 1;\n");
        plan("b").write();
        Path file = dir.resolve("20250304050607_b.sql");
        assertThatThrownBy(() -> MigrationSet.scan(dir))
                .hasMessageContaining("20250304050607_b.sql: line 1: the '-- migrate:up' section is empty");
        Files.writeString(file, Files.readString(file).replaceFirst("\n\n", "\nselect 2;\n"));
        assertThat(MigrationSet.scan(dir).latest()).hasValueSatisfying(m -> assertThat(m.down()).isPresent());
    }

    @Test
    void writeRefusesToOverwriteAndWritesNothing() throws Exception {
        write(dir, "004_a.up.sql", "select 1;");
        NewMigration planned = plan("b");
        Path existing = write(dir, "005_b.down.sql", "keep me");

        assertThatThrownBy(planned::write)
                .isInstanceOfSatisfying(SchemataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED))
                .hasMessageContaining("005_b.down.sql")
                .hasMessageContaining("already exists");
        assertThat(dir.resolve("005_b.up.sql")).doesNotExist();
        assertThat(existing).hasContent("keep me");
    }
}
