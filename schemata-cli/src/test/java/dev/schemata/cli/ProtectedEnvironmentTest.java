package dev.schemata.cli;

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
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** A protected environment refuses each destructive command with nothing changed, unless confirmed. */
@ExtendWith(PostgresExtension.class)
class ProtectedEnvironmentTest {
    @TempDir
    Path project;

    private TestDatabase db;

    @BeforeEach
    void project(TestDatabase db) throws IOException {
        this.db = db;
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_a.sql"), "CREATE TABLE a (id int);\n");
        Path file = project.resolve("schemata.toml");
        Files.writeString(file, "[environments.prod]\nurl = \"" + db.url() + "\"\nprotected = true\n"
                + "[environments.dev]\nurl = \"" + db.url() + "\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(run("migrate", "--env", "prod").exitCode()).isZero();
        db.execute("INSERT INTO a VALUES (1), (2)");
    }

    /** Where the declarative commands build the desired schema (the test server, as the target's major). */
    private String scratch;

    private CliRunner.Result run(String... args) {
        CliRunner runner = new CliRunner(project);
        return (scratch == null ? runner : runner.env("SCHEMATA_SCRATCH_URL", scratch)).run(args);
    }

    private void assertUnchanged() {
        assertThat(db.tables()).contains("a", "schema_migrations");
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(2L);
    }

    @Test
    void resetIsRefusedWithoutForceAndConfirmation() {
        CliRunner.Result plain = run("reset", "--env", "prod");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("environment \"prod\" is protected: reset (drop and recreate) would change database \""
                + db.name() + "\". Nothing was changed.").contains("--yes-i-mean-" + db.name());
        assertUnchanged();

        CliRunner.Result forceOnly = run("reset", "--env", "prod", "--force", "--keep-data");
        assertThat(forceOnly.exitCode()).isEqualTo(2);
        assertThat(forceOnly.err()).contains("--force needs the database name confirmed: without a terminal add --yes-i-mean-" + db.name());
        assertUnchanged();

        CliRunner.Result wrongName = run("reset", "--env", "prod", "--force", "--yes-i-mean-other");
        assertThat(wrongName.exitCode()).isEqualTo(2);
        assertThat(wrongName.err()).contains("but \"other\" was confirmed");
        assertUnchanged();

        CliRunner.Result confirmOnly = run("reset", "--env", "prod", "--yes-i-mean-" + db.name());
        assertThat(confirmOnly.exitCode()).isEqualTo(2);
        assertUnchanged();

        assertThat(run("reset", "--env", "prod", "--force", "--bogus").err()).contains("Unknown option: '--bogus'");
        assertUnchanged();
    }

    @Test
    void resetGoesAheadWithForceAndTheDatabaseNameAndOnUnprotectedEnvironments() {
        CliRunner.Result r = run("reset", "--env", "prod", "--force", "--yes-i-mean-" + db.name());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(0L);
        db.execute("INSERT INTO a VALUES (3)");
        assertThat(run("reset", "--env", "dev").exitCode()).isZero();
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(0L);
    }

    @Test
    void restoreIsRefusedOnAProtectedEnvironmentButMayCreateANewDatabase(TestCluster cluster) {
        BackupCommandsTest.assumePgDump(cluster);
        CliRunner.Result backup = run("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        String file = backup.out().strip();
        db.execute("INSERT INTO a VALUES (3)");

        CliRunner.Result refused = run("restore", file, "--env", "prod");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("is protected: restore (replace with ").contains("Nothing was changed.");
        assertThat(run("restore", file, "--env", "prod", "--force").exitCode()).isEqualTo(2);
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(3L);

        CliRunner.Result copy = run("restore", file, "--env", "prod", "--new-database", db.name() + "_copy");
        assertThat(copy.exitCode()).as(copy.all()).isZero();
        assertThat(copy.out()).contains("(new database): schema version 001");

        CliRunner.Result confirmed = run("restore", file, "--env", "prod", "--force", "--yes-i-mean-" + db.name());
        assertThat(confirmed.exitCode()).as(confirmed.all()).isZero();
        assertThat(confirmed.out()).contains("(replacing the database): schema version 001, 3 tables");
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo(2L);
    }

    @Test
    void rollbackIsRefusedWithNothingChangedUnlessForcedAndConfirmed() throws IOException {
        Files.writeString(project.resolve("migrations/001_a.down.sql"), "DROP TABLE a;\n");
        CliRunner.Result plain = run("rollback", "--env", "prod");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("environment \"prod\" is protected: rollback would change database");
        assertUnchanged();
        assertThat(run("rollback", "--env", "prod", "--dry-run").exitCode()).isZero();
        assertUnchanged();

        CliRunner.Result confirmed = run("rollback", "--env", "prod", "--force", "--yes-i-mean-" + db.name());
        assertThat(confirmed.exitCode()).as(confirmed.all()).isZero();
        assertThat(db.tables()).doesNotContain("a");
    }

    @Test
    void applyThatDeletesDataIsRefusedWithNothingChangedUnlessForcedAndConfirmed(TestCluster cluster) throws IOException {
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE b (id int);\n");
        scratch = cluster.settings("postgres").urlWithPassword();
        CliRunner.Result refused = run("apply", "--env", "prod", "--allow-hazards", "DELETES_DATA");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("is protected: apply with DELETES_DATA would change database");
        assertUnchanged();
        assertThat(db.tables()).doesNotContain("b");

        CliRunner.Result confirmed = run("apply", "--env", "prod", "--allow-hazards", "DELETES_DATA", "--force",
                "--yes-i-mean-" + db.name());
        assertThat(confirmed.exitCode()).as(confirmed.all()).isZero();
        assertThat(db.tables()).contains("b").doesNotContain("a");
    }
}
