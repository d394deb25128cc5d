package dev.schemata.api;

import dev.schemata.BaselineResult;
import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataEvent;
import dev.schemata.SchemataException;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.RepairResult;
import dev.schemata.migrate.RollbackResult;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The versioned migrations through the library, the way an application, a build plugin or a test uses them:
 * public API only (this package is not the library's), against the real test server.
 */
@ExtendWith(PostgresExtension.class)
class SchemataApiTest {
    static PGSimpleDataSource dataSource(TestDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.settings().jdbcUrl());
        ds.setUser(db.settings().user());
        ds.setPassword(db.settings().password());
        return ds;
    }

    @Test
    void migratesThroughADataSourceAndReportsWhatItDid(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("V2__seed.sql"), "INSERT INTO accounts VALUES (1), (2);");
        List<String> progress = new ArrayList<>();
        List<SchemataEvent> events = new ArrayList<>();

        // The listeners come after the database: the order of the calls does not matter.
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir)
                .listener(progress::add).eventListener(events::add).load();
        MigrateResult result = schemata.migrate();

        assertThat(result.initialVersion()).isNull();
        assertThat(result.currentVersion()).isEqualTo("2");
        assertThat(result.applied()).hasSize(2).allSatisfy(a -> assertThat(a.executionMs()).isNotNegative());
        assertThat(db.value("SELECT count(*) FROM accounts")).isEqualTo(2L);
        assertThat(progress).contains("applied 1 accounts (" + result.applied().get(0).executionMs() + " ms)");
        assertThat(events.get(0)).isEqualTo(new SchemataEvent.Started(SchemataEvent.Operation.MIGRATE));
        assertThat(events).contains(new SchemataEvent.Progress(SchemataEvent.Operation.MIGRATE,
                "applied 1 accounts (" + result.applied().get(0).executionMs() + " ms)"));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SchemataEvent.Finished.class,
                f -> assertThat(f.operation()).isEqualTo(SchemataEvent.Operation.MIGRATE));
        assertThat(schemata.status().migrations()).extracting(m -> m.state()).containsOnly(MigrationState.APPLIED);
        assertThat(schemata.validate().valid()).isTrue();
        assertThat(schemata.migrate().applied()).isEmpty();
    }

    @Test
    void aUrlIsResolvedWhenLoadedWhateverTheOrderOfTheCalls(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        List<String> progress = new ArrayList<>();
        Schemata.Builder builder = Schemata.configure().url(db.url()).locations(dir);
        builder.listener(progress::add);

        assertThat(builder.load().migrate().currentVersion()).isEqualTo("1");
        assertThat(progress).anyMatch(line -> line.startsWith("applied 1 t"));
        assertThat(db.tables()).contains("t");
    }

    @Test
    void badSettingsAreReportedByLoadOrByTheOperationThatNeedsThem(TestDatabase db, @TempDir Path dir) {
        assertThatThrownBy(() -> Schemata.configure().dataSource(dataSource(db)).url(db.url()).load())
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining("give one");
        assertThatThrownBy(() -> Schemata.configure().url("postgresql://app:secret@db:notaport/x").load())
                .isInstanceOf(SchemataException.class).hasMessageNotContaining("secret");
        Schemata noDatabase = Schemata.configure().locations(dir).load();
        assertThatThrownBy(noDatabase::migrate)
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining("no database");
    }

    @Test
    void dryRunShowsTheSqlAndChangesNothing(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);");

        MigrateResult result = Schemata.configure().dataSource(dataSource(db)).locations(dir).load().dryRun();

        assertThat(result.dryRunSql()).anyMatch(sql -> sql.contains("CREATE TABLE t (id int)"));
        assertThat(db.tables()).doesNotContain("t");
    }

    @Test
    void baselineAdoptsAnExistingDatabase(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE legacy (id int)");
        Files.writeString(dir.resolve("V1__legacy.sql"), "CREATE TABLE legacy (id int);");
        Files.writeString(dir.resolve("V2__more.sql"), "CREATE TABLE more (id int);");
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).load();

        BaselineResult baseline = schemata.baseline("1");

        assertThat(baseline.version()).isEqualTo("1");
        assertThat(baseline.pending()).containsExactly("2");
        assertThat(schemata.migrate().applied()).extracting(a -> a.version()).containsExactly("2");
        assertThatThrownBy(() -> schemata.baseline("2"))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED));
    }

    @Test
    void aChangedAppliedFileStopsMigrateUntilItsChecksumIsAccepted(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).load();
        schemata.migrate();
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int); -- reformatted");
        Files.writeString(dir.resolve("V2__u.sql"), "CREATE TABLE u (id int);");

        ValidationResult invalid = schemata.validate();
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.problems()).anyMatch(p -> p.contains("V1__t.sql"));
        assertThatThrownBy(schemata::migrate)
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("V1__t.sql").hasMessageContaining("nothing was applied");
        assertThat(db.tables()).doesNotContain("u");

        RepairResult repaired = schemata.acceptChecksum("1");
        assertThat(repaired.acceptedChecksum()).isNotNull();
        assertThat(schemata.validate().valid()).isTrue();
        assertThat(schemata.repair().removedRows()).isEmpty();
        assertThat(schemata.migrate().applied()).extracting(a -> a.version()).containsExactly("2");
    }

    @Test
    void rollsBackWithTheDownMigrations(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("001_a.down.sql"), "DROP TABLE a;");
        Files.writeString(dir.resolve("002_b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("002_b.down.sql"), "DROP TABLE b;");
        Files.writeString(dir.resolve("003_c.sql"), "CREATE TABLE c (id int);");
        Files.writeString(dir.resolve("003_c.down.sql"), "DROP TABLE c;");
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).load();
        schemata.migrate();

        RollbackResult one = schemata.rollback(1);
        assertThat(one.currentVersion()).isEqualTo("002");
        assertThat(db.tables()).containsExactlyInAnyOrder("a", "b", "schema_migrations");

        RollbackResult toFirst = schemata.rollbackTo("1");
        assertThat(toFirst.currentVersion()).isEqualTo("001");
        assertThat(db.tables()).contains("a").doesNotContain("b", "c");
        assertThatThrownBy(() -> schemata.rollback(0))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE));
    }
}
