package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection problems end with exit code 3 and a message naming the (masked) target, never the password. */
@ExtendWith(PostgresExtension.class)
class ConnectionFailuresTest {
    private static final String PASSWORD = "Corr3ct-Horse";
    private static final String WRONG = "Wr0ng-Battery";

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void migrationsDirectory() throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("migrations"));
    }

    private String urlFor(TestDatabase db, String password) {
        int port = db.settings().hosts().get(0).port();
        return "postgresql://app:" + password + "@127.0.0.1:" + port + "/" + db.name();
    }

    private void createRole(TestDatabase db) {
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') THEN "
                + "CREATE ROLE app LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$");
    }

    @Test
    void wrongPasswordExitsThreeAndNeverPrintsIt(TestDatabase db) {
        createRole(db);
        for (String[] args : new String[][]{
                {"status", "--url", urlFor(db, WRONG)},
                {"status", "--json", "--url", urlFor(db, WRONG)},
                {"status", "--debug", "--url", urlFor(db, WRONG)}}) {
            CliRunner.Result r = new CliRunner(dir).run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(r.err()).contains("authentication failed for user \"app\"").contains("app:***@127.0.0.1");
            assertThat(r.all()).doesNotContain(WRONG);
        }
    }

    @Test
    void passwordFromPgpasswordIsUsedAndMasked(TestDatabase db) {
        createRole(db);
        int port = db.settings().hosts().get(0).port();
        CliRunner.Result ok = new CliRunner(dir).env("PGHOST", "127.0.0.1").env("PGPORT", String.valueOf(port))
                .env("PGUSER", "app").env("PGDATABASE", db.name()).env("PGPASSWORD", PASSWORD).run("status", "--json");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("\"database\": \"postgresql://app:***@127.0.0.1:" + port + "/" + db.name() + "\"");
        assertThat(ok.all()).doesNotContain(PASSWORD);
    }

    @Test
    void unreachableHostExitsThree() {
        CliRunner.Result r = new CliRunner(dir).run("status", "--url", "postgresql://app:S3cretPw@127.0.0.1:1/db");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("cannot connect to postgresql://app:***@127.0.0.1:1/db");
        assertThat(r.all()).doesNotContain("S3cretPw");
    }

    @Test
    void unknownHostExitsThree() {
        CliRunner.Result r = new CliRunner(dir).run("status", "--url", "postgresql://app@no-such-host.invalid/db");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no-such-host.invalid");
    }

    @Test
    void missingDatabaseExitsThree(TestDatabase db) {
        CliRunner.Result r = new CliRunner(dir).run("status", "--url", db.url().replace("/" + db.name(), "/nope"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("database \"nope\" does not exist");
    }

    @Test
    void unknownOptionExitsTwo() {
        CliRunner.Result r = new CliRunner(dir).run("status", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("schemata status --help");
    }

    @Test
    void badUrlExitsTwo() {
        CliRunner.Result r = new CliRunner(dir).run("status", "--url", "mysql://root:pw12345@h/db");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.all()).doesNotContain("pw12345");
    }

    @Test
    void aProblemInTheFilesIsReportedBeforeTheDatabaseThatCannotBeReached(TestDatabase db) throws java.io.IOException {
        // status and validate read the files while they connect; the files still speak first, as when read first.
        java.nio.file.Files.writeString(dir.resolve("migrations/001_create.sql"), "CREATE TABLE t (id int);\n");
        java.nio.file.Files.writeString(dir.resolve("migrations/002.sql"), "SELECT 1;\n");
        for (String command : new String[]{"status", "validate"}) {
            CliRunner.Result r = new CliRunner(dir).run(command, "--url", urlFor(db, WRONG));
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("002.sql: no description after the version").doesNotContain("authentication failed");
            assertThat(r.all()).doesNotContain(WRONG);
        }
        java.nio.file.Files.delete(dir.resolve("migrations/002.sql"));
        createRole(db);
        CliRunner.Result ok = new CliRunner(dir).run("status", "--url", urlFor(db, PASSWORD));
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("001").contains("pending");
    }

    @Test
    void withNothingConfiguredBadFilesStopStatusBeforeTheDevDatabaseStarts() throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("migrations/001.sql"), "SELECT 1;\n");
        for (String command : new String[]{"status", "validate"}) {
            CliRunner.Result r = new CliRunner(dir).run(command);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("001.sql: no description after the version");
        }
        assertThat(dir.resolve(".schemata/dev")).doesNotExist();
    }
}
