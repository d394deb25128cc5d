package dev.schemata.cli;

import dev.schemata.SchemataException;
import dev.schemata.backup.ClientLocator;
import dev.schemata.connect.Environment;
import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, backups list and backups prune as a user runs them. */
@ExtendWith(PostgresExtension.class)
class BackupCommandsTest {
    @TempDir
    Path project;

    static void assumePgDump(TestCluster cluster) {
        try {
            new ClientLocator(Environment.current(), null).locate("pg_dump", cluster.binaries().major(), "the test");
        } catch (SchemataException e) {
            Assumptions.abort(e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void backupVerifyListAndPrune(TestDatabase db, TestCluster cluster) throws IOException {
        assumePgDump(cluster);
        db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 10)");
        Files.writeString(project.resolve("schemata.toml"), "[environments.dev]\nurl = \"" + db.url() + "\"\nbackup_dir = \"bk\"\n");
        CliRunner runner = new CliRunner(project);
        CliRunner.Result first = runner.run("backup", "--env", "dev", "--verify", "--json");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Map<String, Object> json = (Map<String, Object>) Json.parse(first.out());
        assertThat(json).containsEntry("verified", true);
        Path file = Path.of((String) json.get("path"));
        assertThat(file.getParent()).isEqualTo(project.resolve("bk"));
        assertThat(((Map<String, Object>) json.get("manifest")).get("rowCounts")).isEqualTo(Map.of("public.t", 10L));

        assertThat(runner.run("backup", "--env", "dev", "--format", "plain").exitCode()).isZero();
        Files.writeString(project.resolve("bk/keep-me.txt"), "not a backup");

        CliRunner.Result list = runner.run("backups", "list", "--env", "dev");
        assertThat(list.out()).contains("FILE").contains(file.getFileName().toString()).contains(".sql.gz");
        assertThat(list.err()).contains("1 other file(s)");

        CliRunner.Result prune = runner.run("backups", "prune", "--env", "dev", "--keep-last", "1", "--json");
        assertThat(prune.exitCode()).isZero();
        Map<String, Object> pruned = (Map<String, Object>) Json.parse(prune.out());
        assertThat((List<String>) pruned.get("deleted")).containsExactly(file.getFileName().toString());
        assertThat((List<String>) pruned.get("kept")).singleElement().asString().endsWith(".sql.gz");
        assertThat(project.resolve("bk/keep-me.txt")).exists();
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutASuitablePgDumpBackupSaysWhatToInstall(TestDatabase db, TestCluster cluster) {
        int major = cluster.binaries().major();
        CliRunner.Result r = new CliRunner(project).env("SCHEMATA_PG_DUMP", project.resolve("nowhere/pg_dump").toString())
                .run("backup", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("needs pg_dump " + major + " or newer")
                .contains("apt-get install postgresql-client-" + major).contains("SCHEMATA_PG_DUMP");
        assertThat(project.resolve("backups")).doesNotExist();
    }

    @Test
    void pruneWithoutRetentionSettingsIsABadUsage() {
        CliRunner.Result r = new CliRunner(project).run("backups", "prune");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("say what to keep: --keep-days N and/or --keep-last N");
    }

    @Test
    void aMigrationsDirectoryGivenBeforeTheCommandNameIsNoBackupDirectory(TestDatabase db) throws IOException {
        // Written before the name, --dir is backup's own: the dump and a .gitignore of "*" went into the
        // migrations directory of a git working tree, and git no longer saw the next migration.
        Files.createDirectories(project.resolve(".git"));
        Path migrations = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(migrations.resolve("001_a.sql"), "CREATE TABLE a (id int);\n");
        CliRunner.Result r = new CliRunner(project).run("--url", db.url(), "--dir", "db/migrations", "backup");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("the backup directory " + migrations + " holds migrations (001_a.sql)")
                .contains("choose another with --dir or backup_dir");
        try (var files = Files.list(migrations)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("001_a.sql");
        }
    }

    @Test
    void restoreRefusesANewDatabaseNameTooLongAndRestoresPlainSqlWithoutAManifest(TestDatabase db, TestCluster cluster) throws IOException {
        assumePgDump(cluster);
        db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 10)");
        CliRunner runner = new CliRunner(project);
        CliRunner.Result backup = runner.run("backup", "--url", db.url(), "--format", "plain", "--json");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path file = Path.of((String) ((Map<?, ?>) Json.parse(backup.out())).get("path"));

        String tooLong = "n".repeat(64);
        CliRunner.Result refused = runner.run("restore", file.toString(), "--url", db.url(), "--new-database", tooLong);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("is 64 bytes long; PostgreSQL names are at most 63 bytes");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'nnnn%' OR datname LIKE '%restoring%'")).isEqualTo(0L);

        // The same file as a cron job's pg_dump | gzip would leave it: no manifest beside it.
        Path nightly = Files.copy(file, project.resolve("nightly.sql.gz"));
        CliRunner.Result restored = runner.run("restore", nightly.toString(), "--url", db.url(), "--new-database", db.name() + "_nightly");
        assertThat(restored.exitCode()).as(restored.all()).isZero();
        assertThat(restored.err()).contains("has no Schemata manifest: its row counts and schema version were not checked");
        assertThat(new TestDatabase(cluster, db.settings().withDatabase(db.name() + "_nightly")).value("SELECT count(*) FROM t"))
                .isEqualTo(10L);
    }
}
