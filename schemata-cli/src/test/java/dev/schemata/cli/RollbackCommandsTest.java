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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** rollback, verify-rollback, migrate --verify-rollback and status --history as a user runs them. */
@ExtendWith(PostgresExtension.class)
class RollbackCommandsTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        write("001_initial_schema.sql", "CREATE TABLE a (id int, legacy text);\n");
        write("001_initial_schema.down.sql", "DROP TABLE a;\n");
        write("002_more.sql", "CREATE TABLE b (id int);\n");
        write("002_more.down.sql", "DROP TABLE b;\n");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(CliRunner.Result r) {
        return (Map<String, Object>) Json.parse(r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void rollbackUndoesTheLastMigrationAndStatusShowsTheTrail(TestDatabase db) {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        CliRunner.Result r = run("rollback", "--json", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("rolled back 002 more (");
        Map<String, Object> result = json(r);
        assertThat(result).containsEntry("database", db.maskedUrl()).containsEntry("initialVersion", "002")
                .containsEntry("currentVersion", "001").containsKey("elapsedMs");
        assertThat((List<Map<String, Object>>) result.get("rolledBack")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("version", "002").containsEntry("file", "002_more.down.sql").containsEntry("statements", 1L)
                .containsEntry("transactional", true).containsKeys("description", "executionMs"));
        assertThat(tables(db)).containsExactly("a", "schema_migrations");

        Map<String, Object> status = json(run("status", "--json", "--history", "--url", db.url()));
        assertThat((List<Map<String, Object>>) status.get("migrations")).extracting(m -> m.get("version") + ":" + m.get("state"))
                .containsExactly("001:applied", "002:pending");
        List<Map<String, Object>> history = (List<Map<String, Object>>) status.get("history");
        assertThat(history).extracting(m -> m.get("version") + ":" + m.get("kind") + ":" + m.get("file") + ":" + m.get("appliedBy"))
                .containsExactly("001:versioned:001_initial_schema.sql:postgres", "002:rollback:002_more.down.sql:postgres");
        assertThat(history.get(1)).containsKeys("id", "appliedAt", "executionMs", "success", "backup", "description");
        // Without --history the document is as before.
        assertThat(json(run("status", "--json", "--url", db.url()))).doesNotContainKey("history");

        CliRunner.Result human = run("status", "--history", "--url", db.url());
        assertThat(human.out()).contains("History:").containsPattern("\\n\\d+ +rollback +002 +002_more\\.down\\.sql +\\d{4}-");
    }

    @Test
    void stepsAndToSelectWhatIsUndone(TestDatabase db) throws IOException {
        write("003_c.sql", "CREATE TABLE c (id int);\n");
        write("003_c.down.sql", "DROP TABLE c;\n");
        run("migrate", "--url", db.url());
        assertThat(run("rollback", "--steps", "2", "--url", db.url()).exitCode()).isZero();
        assertThat(tables(db)).containsExactly("a", "schema_migrations");
        run("migrate", "--url", db.url());
        assertThat(run("rollback", "--to", "1", "--url", db.url()).exitCode()).isZero();
        assertThat(tables(db)).containsExactly("a", "schema_migrations");
    }

    @Test
    void aMissingDownIsRefusedWithExitOneAndNothingChanges(TestDatabase db) throws IOException {
        Files.delete(migrations.resolve("002_more.down.sql"));
        run("migrate", "--url", db.url());
        CliRunner.Result r = run("rollback", "--json", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: rollback refused, nothing was changed:\n  - 002 more: no down migration (expected 002_more.down.sql)");
        assertThat(json(r)).extractingByKey("error").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "OPERATION_FAILED").containsEntry("exitCode", 1L);
        assertThat(tables(db)).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    void aFailingDownExitsOneNamingFileAndLine(TestDatabase db) throws IOException {
        run("migrate", "--url", db.url());
        write("002_more.down.sql", "DROP TABLE b;\nDROP TABLE nope;\n");
        CliRunner.Result r = run("rollback", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("002_more.down.sql:2: ERROR: table \"nope\" does not exist").doesNotContain("\tat dev.schemata");
        assertThat(tables(db)).contains("b");
    }

    @Test
    void badUsageExitsTwo(TestDatabase db) {
        assertThat(run("rollback", "--steps", "1", "--to", "1", "--url", db.url()).err())
                .contains("--steps and --to cannot be combined");
        assertThat(run("rollback", "--steps", "1", "--to", "1", "--url", db.url()).exitCode()).isEqualTo(2);
        assertThat(run("rollback", "--steps", "0", "--url", db.url()).exitCode()).isEqualTo(2);
        assertThat(run("rollback", "--to", "abc", "--url", db.url()).exitCode()).isEqualTo(2);
        assertThat(run("rollback", "--stepz", "1", "--url", db.url()).exitCode()).isEqualTo(2);
        assertThat(run("verify-rollback", "--from", "x.y", "--url", db.url()).exitCode()).isEqualTo(2);
    }

    @Test
    void dryRunPrintsTheSqlAsTextOrJson(TestDatabase db) {
        run("migrate", "--url", db.url());
        CliRunner.Result r = run("rollback", "--dry-run", "--url", db.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("-- 002_more.down.sql (rolls back 002 more)\nBEGIN;\nDROP TABLE b;\nDELETE FROM")
                .contains("'rollback'").endsWith("COMMIT;\n");
        Map<String, Object> json = json(run("rollback", "--dry-run", "--json", "--url", db.url()));
        assertThat(json).containsEntry("dryRun", true).containsKey("sql");
        assertThat(tables(db)).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyRollbackReportsBrokenDownsWithExitOne(TestDatabase db) throws IOException {
        CliRunner.Result ok = run("verify-rollback", "--url", db.url());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("ok    001 initial schema").contains("Checked 2 migrations in").contains("2 ok, 0 with problems.");

        write("002_more.down.sql", "DROP TABLE a;\n");
        CliRunner.Result bad = run("verify-rollback", "--url", db.url());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("FAIL  002 more: leaves difference")
                .contains("        - table a is missing\n        - table b remains");
        assertThat(tables(db)).isEmpty();

        Map<String, Object> json = json(run("verify-rollback", "--json", "--url", db.url()));
        assertThat(json).containsEntry("database", db.maskedUrl()).containsEntry("passed", false).containsEntry("applied", 0L)
                .containsEntry("checked", 2L).containsEntry("problems", 1L).containsKey("elapsedMs");
        assertThat((List<Map<String, Object>>) json.get("migrations")).extracting(m -> m.get("version") + ":" + m.get("result"))
                .containsExactly("001:ok", "002:leaves_difference");
        assertThat(((List<Map<String, Object>>) json.get("migrations")).get(1))
                .containsEntry("file", "002_more.sql").containsEntry("downFile", "002_more.down.sql")
                .containsEntry("differences", List.of("table a is missing", "table b remains"))
                .containsKeys("description", "message", "elapsedMs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void migrateWithVerifyRollbackChecksThePendingOnesBeforeTouchingTheTarget(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--target", "1", "--url", db.url()).exitCode()).isZero();
        write("002_more.down.sql", "");
        CliRunner.Result refused = run("migrate", "--verify-rollback", "--url", db.url());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("FAIL  002 more: empty down").contains("- table b remains")
                .contains("Nothing was migrated").doesNotContain("001 initial schema");
        assertThat(tables(db)).containsExactly("a", "schema_migrations");

        write("002_more.down.sql", "DROP TABLE b;");
        CliRunner.Result done = run("migrate", "--verify-rollback", "--json", "--url", db.url());
        assertThat(done.exitCode()).isZero();
        Map<String, Object> json = json(done);
        assertThat(json).containsEntry("currentVersion", "002");
        assertThat((Map<String, Object>) json.get("verifyRollback")).containsEntry("passed", true).containsEntry("applied", 1L)
                .containsEntry("checked", 1L);
        assertThat(tables(db)).containsExactly("a", "b", "schema_migrations");
    }

    @Test
    @SuppressWarnings("unchecked")
    void restoreBringsBackTheBackupTakenBeforeTheRun(TestDatabase db, TestCluster cluster) throws Exception {
        Path pgDump = pgDump(cluster);
        write("002_more.sql", "ALTER TABLE a DROP COLUMN legacy;\n");
        write("002_more.down.sql", "ALTER TABLE a ADD COLUMN legacy text;\n");
        run("migrate", "--target", "1", "--url", db.url());
        db.execute("INSERT INTO a VALUES (1, 'only in the backup')");
        Path backup = Files.createDirectories(project.resolve("backups")).resolve("before-002.dump");
        Process dump = new ProcessBuilder(pgDump.toString(), "-Fc", "-f", backup.toString(), "-d", db.url())
                .redirectErrorStream(true).start();
        assertThat(dump.waitFor()).as(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        run("migrate", "--url", db.url());

        CliRunner.Result none = run("rollback", "--restore", "--yes", "--url", db.url());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no backup is recorded for the run that applied 002 (002_more.sql)");

        db.execute("UPDATE schema_migrations SET backup = 'backups/before-002.dump' WHERE version = '002'");
        CliRunner.Result status = run("status", "--url", db.url());
        assertThat(status.out()).contains("BACKUP").containsPattern("002 +more +applied .* backups/before-002\\.dump");
        assertThat((List<Map<String, Object>>) json(run("status", "--json", "--url", db.url())).get("migrations"))
                .extracting(m -> m.get("backup")).containsExactly(null, "backups/before-002.dump");

        CliRunner.Result unconfirmed = run("rollback", "--restore", "--url", db.url());
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("needs confirmation").contains("Pass --yes");
        CliRunner.Result plan = run("rollback", "--restore", "--dry-run", "--url", db.url());
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("restoring " + backup + " takes " + db.maskedUrl() + " back to before 002: it rolls back 002");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'legacy'"))
                .isEqualTo(0L);

        CliRunner.Result restored = run("rollback", "--restore", "--yes", "--json", "--url", db.url());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(db.value("SELECT legacy FROM a WHERE id = 1")).isEqualTo("only in the backup");
        Map<String, Object> json = json(restored);
        assertThat(json).containsEntry("currentVersion", "001");
        assertThat((Map<String, Object>) json.get("restored")).containsEntry("backup", backup.toString())
                .containsEntry("versions", List.of("002"));
        assertThat((List<Map<String, Object>>) json(run("status", "--json", "--history", "--url", db.url())).get("history"))
                .extracting(m -> m.get("version") + ":" + m.get("kind") + ":" + m.get("backup"))
                .containsExactly("001:versioned:null", "002:rollback:" + backup);
    }

    /** A pg_dump that can dump the test server: the cluster's own, else the machine's newest. */
    private static Path pgDump(TestCluster cluster) throws Exception {
        List<Path> candidates = new ArrayList<>();
        cluster.binaries().client("pg_dump").ifPresent(candidates::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                majors.map(p -> p.resolve("bin/pg_dump")).filter(Files::isExecutable)
                        .sorted(Comparator.comparing(Path::toString).reversed()).forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            Optional<Integer> major = major(candidate);
            if (major.isPresent() && major.get() >= cluster.binaries().major()) {
                return candidate;
            }
        }
        assumeTrue(false, "no pg_dump of PostgreSQL " + cluster.binaries().major() + " or newer (found " + candidates + ")");
        return null;
    }

    private static Optional<Integer> major(Path program) throws Exception {
        Process p = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("\\) (\\d+)").matcher(out);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The tables, leaving out the side table where migrate records table sizes. */
    private static java.util.List<String> tables(TestDatabase db) {
        return db.tables().stream().filter(t -> !t.equals("schema_migrations_sizes")).toList();
    }
}
