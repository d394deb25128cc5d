package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
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

/** migrate --backup (no backup, no migration) and the table sizes migrate records for status --sizes. */
@ExtendWith(PostgresExtension.class)
class MigrateBackupTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_a.sql"), "CREATE TABLE a (id int);\n");
    }

    @Test
    void migrateBackupTakesAVerifiedBackupAndRecordsItInTheRunsHistoryRows(TestDatabase db, TestCluster cluster) throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        CliRunner runner = new CliRunner(project);
        assertThat(runner.run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO a SELECT generate_series(1, 5)");
        Files.writeString(migrations.resolve("002_b.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(migrations.resolve("003_c.sql"), "CREATE TABLE c (id int);\n");
        CliRunner.Result r = runner.run("migrate", "--backup", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("verified ");
        List<Map<String, Object>> rows = db.query("SELECT version, backup FROM schema_migrations ORDER BY id");
        assertThat(rows.get(0).get("backup")).isNull();
        String file = (String) rows.get(1).get("backup");
        assertThat(file).startsWith(project.resolve("backups").toString()).endsWith("_v001.dump");
        assertThat(rows.get(2).get("backup")).isEqualTo(file);
        assertThat(Path.of(file)).exists();
        assertThat(Files.readString(Path.of(file + ".json"))).contains("\"verifiedAt\": \"");

        // Nothing pending: no backup.
        assertThat(runner.run("migrate", "--backup", "--url", db.url()).exitCode()).isZero();
        assertThat(Files.list(project.resolve("backups")).filter(p -> !p.getFileName().toString().equals(".gitignore")).count()).isEqualTo(2);
    }

    @Test
    void migrateRefusesToMigrateWhenTheBackupFails(TestDatabase db) throws IOException {
        Files.writeString(project.resolve("occupied"), "a file where the backup directory should be");
        Files.writeString(project.resolve("schemata.toml"), "[environments.prod]\nurl = \"" + db.url()
                + "\"\nprotected = true\nbackup_before_migrate = true\nbackup_dir = \"occupied/backups\"\n");
        CliRunner.Result r = new CliRunner(project).run("migrate", "--env", "prod");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no backup, no migration: ").contains("Nothing was migrated.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void migrateRefusesToMigrateWithoutASuitablePgDump(TestDatabase db, TestCluster cluster) {
        CliRunner.Result r = new CliRunner(project).env("SCHEMATA_PG_DUMP", project.resolve("none/pg_dump").toString())
                .run("migrate", "--backup", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no backup, no migration: ").contains("apt-get install postgresql-client-" + cluster.binaries().major());
        assertThat(db.tables()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusSizesShowsWhatTheLatestRunChanged(TestDatabase db) throws IOException {
        CliRunner runner = new CliRunner(project);
        assertThat(runner.run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO a SELECT generate_series(1, 1000); ANALYZE a");
        Files.writeString(migrations.resolve("002_big.sql"),
                "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 2000) g;\n"
                        + "CREATE INDEX big_id ON big (id);\nANALYZE big;\n");
        assertThat(runner.run("migrate", "--url", db.url()).exitCode()).isZero();

        CliRunner.Result human = runner.run("status", "--sizes", "--url", db.url());
        assertThat(human.out()).contains("Table sizes of the latest run (002):").contains("TABLE").contains("public.big");
        Map<String, Object> json = (Map<String, Object>) Json.parse(runner.run("status", "--sizes", "--json", "--url", db.url()).out());
        Map<String, Object> sizes = (Map<String, Object>) json.get("sizes");
        assertThat((List<String>) sizes.get("versions")).containsExactly("002");
        List<Map<String, Object>> tables = (List<Map<String, Object>>) sizes.get("tables");
        Map<String, Object> big = tables.get(0);
        assertThat(big.get("table")).isEqualTo("public.big");
        assertThat(big.get("beforeBytes")).isNull();
        assertThat((Long) big.get("afterBytes")).isGreaterThan(400_000L);
        assertThat(big.get("afterRows")).isEqualTo(2000L);
        Map<String, Object> a = tables.stream().filter(t -> t.get("table").equals("public.a")).findFirst().orElseThrow();
        assertThat(a.get("beforeBytes")).isEqualTo(a.get("afterBytes"));
        assertThat(a.get("beforeRows")).isEqualTo(1000L);
    }

    @Test
    void migrateBackupDirPutsTheBackupThereIgnoredByGit(TestDatabase db, TestCluster cluster) throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        CliRunner.Result r = new CliRunner(project).run("migrate", "--backup-dir", "release-backups", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        String file = (String) db.value("SELECT backup FROM schema_migrations WHERE version = '001'");
        assertThat(file).startsWith(project.resolve("release-backups").toString() + "/").endsWith("_vnone.dump");
        assertThat(Path.of(file)).exists();
        assertThat(Files.readString(project.resolve("release-backups/.gitignore"))).contains("*");
        assertThat(project.resolve("backups")).doesNotExist();
    }

    @Test
    void applyBackupTakesAVerifiedBackupAndRecordsItInTheHistoryRow(TestDatabase db, TestCluster cluster) throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 3)");
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE t (id int);\nCREATE TABLE u (id int);\n");
        CliRunner runner = new CliRunner(project).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
        CliRunner.Result r = runner.run("apply", "--backup", "--url", db.url(), "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("verified ");
        String file = (String) db.value("SELECT backup FROM schema_migrations WHERE kind = 'declarative'");
        assertThat(file).startsWith(project.resolve("backups").toString()).endsWith("_vnone.dump");
        assertThat(((Map<?, ?>) Json.parse(r.out())).get("backup")).isEqualTo(file);
        assertThat(Files.readString(Path.of(file + ".json"))).contains("\"public.t\": 3");
        assertThat(db.tables()).contains("u");

        // backup_before_migrate of the environment applies to apply as well, and a failed backup stops it.
        Files.writeString(project.resolve("occupied"), "a file where the backup directory should be");
        Files.writeString(project.resolve("schemata.toml"), "[environments.prod]\nurl = \"" + db.url()
                + "\"\nbackup_before_migrate = true\nbackup_dir = \"occupied/backups\"\n");
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE t (id int);\nCREATE TABLE u (id int);\nCREATE TABLE v (id int);\n");
        CliRunner.Result refused = runner.run("apply", "--env", "prod");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("no backup, no apply: ").contains("Nothing was applied.");
        assertThat(db.tables()).doesNotContain("v");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(1L);
    }

    @Test
    void migrateBackupAsAnApplicationRoleWithAnExtensionADbaCreated(TestDatabase db, TestCluster cluster) throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        String app = Reliability.ownerUrl(db);
        db.execute("CREATE EXTENSION pg_stat_statements");
        db.execute("ALTER ROLE owner_" + db.name() + " CREATEDB");
        CliRunner.Result r = new CliRunner(project).run("migrate", "--backup", "--url", app);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("not verified: extension pg_stat_statements (only a superuser may create it");
        assertThat(db.tables()).contains("a");
        String file = (String) db.value("SELECT backup FROM schema_migrations WHERE version = '001'");
        assertThat(Files.readString(Path.of(file + ".json"))).contains("\"notVerified\"").contains("extension pg_stat_statements");
        Reliability.assertNoSecret(r.out(), r.err());
    }
}
