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
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * plan, drift and verify-rollback look read-only, yet they run the project's SQL on throwaway databases:
 * never as a superuser, who could run OS commands with it, unless the user says so with --scratch-superuser.
 * The throwaway databases are made on the test server as its superuser ({@code SCHEMATA_SCRATCH_URL}).
 */
@ExtendWith(PostgresExtension.class)
class ScratchPrivilegesTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private TestDatabase db;
    /** Where an OS command run by the server would leave its trace (writable by the server's user). */
    private Path marker;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) {
        this.db = db;
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
        this.marker = Path.of(System.getProperty("java.io.tmpdir"), "schemata-pwned-" + UUID.randomUUID());
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CliRunner.Result run(String... args) {
        return cli.run(Stream.concat(Stream.of(args), Stream.of("--url", db.url())).toArray(String[]::new));
    }

    private String copyToProgram() {
        return "COPY (SELECT 1) TO PROGRAM 'id > " + marker + "';\n";
    }

    @Test
    void planDoesNotRunInitSqlAsASuperuser() throws IOException {
        write("init.sql", "CREATE TABLE t (id int);\n" + copyToProgram());
        CliRunner.Result plan = run("plan");
        assertThat(marker).as("no OS command ran").doesNotExist();
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
        assertThat(plan.err()).contains("init.sql:2").contains("COPY to or from an external program")
                .contains("not as a superuser").contains("--scratch-superuser").doesNotContain("Exception");
        assertThat(db.tables()).isEmpty();

        CliRunner.Result diff = cli.run("diff", "--from", "db:" + db.url(), "--to", "file:init.sql");
        assertThat(marker).as("no OS command ran").doesNotExist();
        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(2);
        assertThat(diff.err()).contains("init.sql:2").contains("--scratch-superuser");
    }

    @Test
    void driftDoesNotRunMigrationsAsASuperuser() throws IOException {
        write("init.sql", "CREATE TABLE t (id int);\n");
        write("migrations/001_t.sql", "CREATE TABLE t (id int);\n" + copyToProgram());
        CliRunner.Result drift = run("drift");
        assertThat(marker).as("no OS command ran").doesNotExist();
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(1);
        assertThat(drift.err()).contains("001_t.sql").contains("COPY to or from an external program").contains("--scratch-superuser");
    }

    @Test
    void verifyRollbackDoesNotRunMigrationsAsASuperuser() throws IOException {
        write("migrations/001_t.sql", "CREATE TABLE t (id int);\n" + copyToProgram());
        write("migrations/001_t.down.sql", "DROP TABLE t;\n");
        CliRunner.Result verify = run("verify-rollback");
        assertThat(marker).as("no OS command ran").doesNotExist();
        assertThat(verify.exitCode()).as(verify.all()).isEqualTo(1);
        assertThat(verify.all()).contains("001_t.sql:2").contains("COPY to or from an external program").contains("--scratch-superuser");
    }

    @Test
    void trustedExtensionsWorkAndOthersNeedTheExplicitOptIn() throws IOException {
        write("init.sql", "CREATE EXTENSION citext;\nCREATE TABLE users (email citext);\n");
        CliRunner.Result trusted = run("plan");
        assertThat(trusted.exitCode()).as(trusted.all()).isZero();
        assertThat(trusted.out()).contains("citext");

        write("init.sql", "CREATE EXTENSION file_fdw;\nCREATE TABLE users (email text);\n");
        CliRunner.Result refused = run("plan");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("init.sql:1").contains("permission denied to create extension \"file_fdw\"")
                .contains("--scratch-superuser");

        CliRunner.Result allowed = run("plan", "--scratch-superuser");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(allowed.out()).contains("file_fdw");
        CliRunner.Result bySetting = cli.env("SCHEMATA_SCRATCH_SUPERUSER", "true").run("plan", "--url", db.url());
        assertThat(bySetting.exitCode()).as(bySetting.all()).isZero();
    }
}
