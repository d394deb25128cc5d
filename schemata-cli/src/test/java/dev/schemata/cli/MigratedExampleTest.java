package dev.schemata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemata.junit.MigratedDatabase;
import dev.schemata.junit.SchemataTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a database the example project's migrations were applied to: each test gets a fresh copy of
 * a template migrated once for the class (schemata-junit), instead of migrating again in every test.
 */
@SchemataTest(locations = "filesystem:../examples/news-analytics/migrations")
class MigratedExampleTest {
    private static final Path MIGRATIONS = Path.of("..", "examples", "news-analytics", "migrations").toAbsolutePath().normalize();

    @TempDir
    Path project;

    @Test
    void statusShowsEveryMigrationAppliedAndMigrateHasNothingToDo(MigratedDatabase db) {
        CliRunner cli = new CliRunner(project);

        CliRunner.Result status = cli.run("status", "-d", MIGRATIONS.toString(), "--url", db.urlWithCredentials());
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("004").doesNotContain("pending");

        CliRunner.Result migrate = cli.run("migrate", "-d", MIGRATIONS.toString(), "--url", db.urlWithCredentials());
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(migrate.all()).contains("nothing to migrate: at version 004");
    }

    @Test
    void anAppliedMigrationEditedAfterwardsFailsValidate(MigratedDatabase db) throws IOException {
        Path edited = project.resolve("migrations");
        Files.createDirectories(edited);
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.toList()) {
                Files.copy(f, edited.resolve(f.getFileName()));
            }
        }
        Path second = edited.resolve("002_add_authentication.sql");
        Files.writeString(second, Files.readString(second) + "\n-- edited after it was applied\n");

        CliRunner.Result r = new CliRunner(project).run("validate", "-d", edited.toString(), "--url", db.urlWithCredentials());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).contains("002_add_authentication.sql: changed since it was applied");
    }

    @Test
    void aColumnAddedByHandShowsAsDriftFromTheHistory(MigratedDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN sneaky text");
        }
        CliRunner.Result r = new CliRunner(project).run("drift", "-d", MIGRATIONS.toString(), "--url", db.urlWithCredentials(),
                "--json");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("DROP COLUMN sneaky");
    }
}
