package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --config, --env and SCHEMATA_ENV: where every command's database, migrations and history table come from. */
@ExtendWith(PostgresExtension.class)
class EnvironmentOptionsTest {
    @TempDir
    Path project;

    @BeforeEach
    void migrations() throws IOException {
        Path dir = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(dir.resolve("001_first.sql"), "CREATE TABLE first (id int);\n");
    }

    private void config(String text) throws IOException {
        Path file = project.resolve("schemata.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theSelectedEnvironmentGivesDatabaseMigrationsAndHistoryTable(TestDatabase dev, TestDatabase other) throws IOException {
        config("migrations = \"db/migrations\"\n[environments.dev]\nurl = \"" + dev.url() + "\"\nhistory_table = \"ops.history\"\n");
        CliRunner.Result r = new CliRunner(project).run("migrate", "--env", "dev");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(dev.tables()).contains("first");
        assertThat(dev.value("SELECT count(*) FROM ops.history")).isEqualTo(1L);

        // --url wins over the environment's url; the rest still comes from the environment.
        assertThat(new CliRunner(project).run("migrate", "--env", "dev", "--url", other.url()).exitCode()).isZero();
        assertThat(other.value("SELECT count(*) FROM ops.history")).isEqualTo(1L);
    }

    @Test
    void theEnvironmentUrlComesBeforeDatabaseUrlAndSchemataEnvSelects(TestDatabase dev, TestDatabase elsewhere) throws IOException {
        config("migrations = \"db/migrations\"\n[environments.dev]\nurl = \"${DEV_URL}\"\n");
        CliRunner runner = new CliRunner(project).env("DEV_URL", dev.url()).env("DATABASE_URL", elsewhere.url());
        assertThat(runner.run("migrate").exitCode()).isZero();
        assertThat(elsewhere.tables()).contains("first"); // no environment selected: DATABASE_URL
        assertThat(dev.tables()).isEmpty();
        assertThat(runner.env("SCHEMATA_ENV", "dev").run("migrate").exitCode()).isZero();
        assertThat(dev.tables()).contains("first");
    }

    @Test
    void badConfigurationExitsTwoNamingFileLineAndKey() throws IOException {
        config("[environments.dev]\nurl = \"postgresql://localhost/x\"\nprotect = true\n");
        CliRunner.Result r = new CliRunner(project).run("status", "--env", "dev");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(project.resolve("schemata.toml") + ":3: unknown key environments.dev.protect");

        config("[environments.dev]\n");
        CliRunner.Result missing = new CliRunner(project).run("status", "--env", "prod");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("environment \"prod\" is not defined in").contains("defined: dev");
    }

    @Test
    void envWithoutAConfigFileIsAnError() {
        CliRunner.Result r = new CliRunner(project).run("status", "--env", "prod");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--env prod selects an environment, but there is no schemata.toml in " + project);
    }

    @Test
    @SuppressWarnings("unchecked")
    void configShowsEffectiveSettingsWithThePasswordMaskedAndWarns() throws IOException {
        Path file = project.resolve("schemata.toml");
        Files.writeString(file, "[environments.prod]\nurl = \"postgresql://app:hunter22@db.example/orders\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner.Result r = new CliRunner(project).run("config", "--env", "prod");
        assertThat(r.exitCode()).isZero();
        assertThat(r.all()).doesNotContain("hunter22");
        assertThat(r.out()).contains("postgresql://app:***@db.example/orders").containsPattern("protected \\.+ false");
        assertThat(r.err()).contains("warning: " + file + ":2: environments.prod.url holds a plain password")
                .contains("looks like production but is not protected");
        Map<String, Object> json = (Map<String, Object>) Json.parse(new CliRunner(project).run("config", "--env", "prod", "--json").out());
        assertThat((Map<String, Object>) json.get("settings")).containsEntry("protected", "false")
                .containsEntry("url", "postgresql://app:***@db.example/orders");
    }
}
