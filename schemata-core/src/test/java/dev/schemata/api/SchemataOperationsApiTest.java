package dev.schemata.api;

import dev.schemata.ErrorCode;
import dev.schemata.LintMode;
import dev.schemata.Schemata;
import dev.schemata.SchemataEvent;
import dev.schemata.SchemataException;
import dev.schemata.backup.Restorer;
import dev.schemata.backup.TakenBackup;
import dev.schemata.lint.LintReport;
import dev.schemata.testing.PgDumpAvailable;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.schemata.api.SchemataApiTest.dataSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lint, backup and restore through the library, alone and around migrate, against the real test server. */
@ExtendWith(PostgresExtension.class)
class SchemataOperationsApiTest {
    /** A table far above the lint's size threshold, then a migration that indexes it without CONCURRENTLY. */
    private static Path largeTableThenBlockingIndex(TestDatabase db, Path dir) throws Exception {
        Files.writeString(dir.resolve("001_articles.sql"), "CREATE TABLE articles (id bigint PRIMARY KEY, title text);\n"
                + "INSERT INTO articles SELECT g, 'a title of some length ' || g FROM generate_series(1, 30000) g;\n");
        Schemata.configure().dataSource(dataSource(db)).locations(dir).load().migrate();
        db.execute("ANALYZE articles");
        Files.writeString(dir.resolve("002_index.sql"), "CREATE TABLE tags (id bigint PRIMARY KEY);\n"
                + "CREATE INDEX articles_title_idx ON articles (title);\n");
        return dir;
    }

    @Test
    void lintErrorStopsMigrateBeforeAnyChange(TestDatabase db, @TempDir Path dir) throws Exception {
        largeTableThenBlockingIndex(db, dir);
        List<SchemataEvent> events = new ArrayList<>();
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).lint(LintMode.ERROR)
                .eventListener(events::add).load();

        assertThatThrownBy(schemata::migrate)
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LINT_FINDINGS))
                .hasMessageContaining("002_index.sql:2").hasMessageContaining("index-not-concurrent")
                .hasMessageContaining("nothing was applied");
        assertThat(db.tables()).doesNotContain("tags");
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SchemataEvent.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.LINT_FINDINGS));
    }

    @Test
    void lintWarnReportsTheFindingsAndMigrates(TestDatabase db, @TempDir Path dir) throws Exception {
        largeTableThenBlockingIndex(db, dir);
        List<String> progress = new ArrayList<>();

        Schemata.configure().dataSource(dataSource(db)).locations(dir).listener(progress::add).load().migrate();

        assertThat(progress).anyMatch(line -> line.contains("002_index.sql:2") && line.contains("error [index-not-concurrent]"));
        assertThat(db.tables()).contains("tags");
    }

    @Test
    void lintsThePendingMigrationsWithADatabaseAndAllOfThemWithout(TestDatabase db, @TempDir Path dir) throws Exception {
        largeTableThenBlockingIndex(db, dir);

        LintReport live = Schemata.configure().dataSource(dataSource(db)).locations(dir).load().lint();
        assertThat(live.usedDatabase()).isTrue();
        assertThat(live.files()).isEqualTo(1);
        assertThat(live.findings()).anyMatch(f -> f.rule().equals("index-not-concurrent") && f.file().endsWith("002_index.sql"));

        LintReport statically = Schemata.configure().locations(dir).load().lint();
        assertThat(statically.usedDatabase()).isFalse();
        assertThat(statically.files()).isEqualTo(2);
        assertThat(statically.hasErrors()).isTrue();
    }

    @Test
    void backsUpAndRestoresAUrlTarget(TestDatabase db, @TempDir Path dir) throws Exception {
        PgDumpAvailable.assume(db.cluster());
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_t.sql"), "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);");
        Schemata schemata = Schemata.configure().url(db.url()).locations(migrations).load();
        schemata.migrate();

        TakenBackup backup = schemata.backup(dir.resolve("backups"));
        assertThat(backup.file()).exists().hasFileName(backup.file().getFileName().toString());
        assertThat(backup.manifest().schemaVersion()).isEqualTo("001");
        assertThat(backup.manifest().verifiedAt()).isNotNull();

        db.execute("DROP TABLE t");
        Restorer.Result restored = schemata.restore(backup.file());
        assertThat(restored.replaced()).isTrue();
        assertThat(restored.schemaVersion()).isEqualTo("001");
        assertThat(db.value("SELECT count(*) FROM t")).isEqualTo(2L);
    }

    @Test
    void migrateTakesAVerifiedBackupFirstAndRecordsIt(TestDatabase db, @TempDir Path dir) throws Exception {
        PgDumpAvailable.assume(db.cluster());
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_t.sql"), "CREATE TABLE t (id int);");
        Path backups = dir.resolve("backups");

        Schemata.configure().url(db.url()).locations(migrations).backupBefore(backups).load().migrate();

        List<Map<String, Object>> rows = db.query("SELECT backup FROM schema_migrations WHERE version = '001'");
        assertThat((String) rows.get(0).get("backup")).startsWith(backups.toString()).endsWith(".dump");
        assertThat(Path.of((String) rows.get(0).get("backup"))).exists();
    }

    @Test
    void clientProgramsNeedAUrlNotADataSource(TestDatabase db, @TempDir Path dir) {
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).load();
        assertThatThrownBy(() -> schemata.backup(dir.resolve("backups")))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining("url(");
        assertThatThrownBy(() -> Schemata.configure().dataSource(dataSource(db)).backupBefore(dir).load())
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG));
    }
}
