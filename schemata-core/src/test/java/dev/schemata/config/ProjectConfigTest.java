package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupFormat;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectConfigTest {
    @TempDir
    Path dir;

    static final String EXAMPLE = """
            # shared by every environment
            migrations = "db/migrations"
            schema_file = "db/init.sql"
            default_environment = "dev"

            [lint]
            disable = ["prefer-text"]

            [environments.dev]
            url = "postgresql://localhost:5432/orders_dev"

            [environments.test]
            url = "${TEST_DATABASE_URL}"
            history_table = "ops.migrations"

            [environments.prod]
            url = "${DATABASE_URL}"
            protected = true
            backup_before_migrate = true
            backup_dir = "/var/backups/orders"
            backup_format = 'plain'
            backup_keep_days = 7
            backup_keep_last = 3

            [environments.prod.lint]
            disable = [
                "prefer-text",   # a comment inside an array
                "require-concurrent-index",
            ]
            threshold_rows = 1_000

            [environments.prod.lint.severity]
            "add-column-default" = "error"
            """;

    private ProjectConfig write(String text) throws IOException {
        Path file = dir.resolve("schemata.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return ProjectConfig.load(file);
    }

    private static Environment env(Map<String, String> vars) {
        return new Environment(vars, Path.of("/nonexistent"), "tester");
    }

    @Test
    void environmentsTakeTheirOwnSettingsAndInheritTheTopLevel() throws IOException {
        ProjectConfig config = write(EXAMPLE);
        assertThat(config.environmentNames()).containsExactly("dev", "test", "prod");
        EnvironmentConfig prod = config.environment("prod", env(Map.of("DATABASE_URL", "postgresql://app:s3cret@db/orders")));
        assertThat(prod.url()).isEqualTo("postgresql://app:s3cret@db/orders");
        assertThat(prod.isProtected()).isTrue();
        assertThat(prod.migrations()).isEqualTo(dir.resolve("db/migrations"));
        assertThat(prod.schemaFile()).isEqualTo(dir.resolve("db/init.sql"));
        assertThat(prod.backup()).isEqualTo(new BackupSettings(Path.of("/var/backups/orders"), BackupFormat.PLAIN, true, 7, 3));
        assertThat(prod.lint().disable()).containsExactly("prefer-text", "require-concurrent-index");
        assertThat(prod.lint().severity()).containsEntry("add-column-default", "error");
        assertThat(prod.lint().thresholdRows()).isEqualTo(1000L);

        EnvironmentConfig test = config.environment("test", env(Map.of("TEST_DATABASE_URL", "postgresql://localhost/t")));
        assertThat(test.historyTable()).isEqualTo(new HistoryTable("ops", "migrations"));
        assertThat(test.isProtected()).isFalse();
        assertThat(test.backup().dir()).isEqualTo(dir.resolve("backups"));
        assertThat(test.lint().disable()).containsExactly("prefer-text");
    }

    @Test
    void selectionIsCliThenSchemataEnvThenDefault() throws IOException {
        ProjectConfig config = write(EXAMPLE);
        Environment vars = env(Map.of("SCHEMATA_ENV", "test", "TEST_DATABASE_URL", "postgresql://localhost/t"));
        assertThat(config.select("dev", vars).name()).isEqualTo("dev");
        assertThat(config.select(null, vars).name()).isEqualTo("test");
        assertThat(config.select(null, env(Map.of())).name()).isEqualTo("dev");
    }

    @Test
    void anUndefinedVariableNamesFileLineKeyAndVariableButOnlyForTheSelectedEnvironment() throws IOException {
        ProjectConfig config = write(EXAMPLE);
        assertThatThrownBy(() -> config.environment("prod", env(Map.of())))
                .isInstanceOf(SchemataException.class)
                .hasMessage(dir.resolve("schemata.toml") + ":17: environments.prod.url refers to ${DATABASE_URL},"
                        + " which is not set in the environment")
                .extracting(e -> ((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG);
        assertThat(config.environment("dev", env(Map.of())).url()).isEqualTo("postgresql://localhost:5432/orders_dev");
    }

    @Test
    void literalDollarBracesAreWrittenDoubled() throws IOException {
        ProjectConfig config = write("[environments.dev]\nurl = \"postgresql://localhost/a$${b}\"\n");
        assertThat(config.environment("dev", env(Map.of())).url()).isEqualTo("postgresql://localhost/a${b}");
    }

    @Test
    void unknownKeysAndWrongTypesNameFileLineAndKey() throws IOException {
        assertThatThrownBy(() -> write("[environments.prod]\nurl = \"postgresql://x/y\"\nprotect = true\n"))
                .hasMessageContaining("schemata.toml:3: unknown key environments.prod.protect in [environments.prod]; known keys:")
                .hasMessageContaining("protected");
        assertThatThrownBy(() -> write("[environments.prod]\nprotected = \"yes\"\n"))
                .hasMessageEndingWith("schemata.toml:2: environments.prod.protected must be true or false, got \"yes\"");
        assertThatThrownBy(() -> write("url = \"postgresql://x/y\"\n"))
                .hasMessageContaining("schemata.toml:1: unknown key url in the top level; url belongs in an [environments.NAME] table");
        assertThatThrownBy(() -> write("default_environment = \"staging\"\n[environments.dev]\n"))
                .hasMessageContaining("schemata.toml:1: default_environment names \"staging\", which is not defined; defined: dev");
    }

    @Test
    void impossibleValuesNameTheKeyAndTheLimit() throws IOException {
        assertThatThrownBy(() -> write("[environments.prod]\nbackup_keep_days = -1\n"))
                .hasMessageEndingWith("schemata.toml:2: backup_keep_days must be between 0 and 36500, got -1");
        assertThatThrownBy(() -> write("backup_keep_last = 0\n"))
                .hasMessageEndingWith("schemata.toml:1: backup_keep_last must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> write("backup_format = \"tar\"\n"))
                .hasMessageEndingWith("schemata.toml:1: backup_format must be custom or plain, got \"tar\"");
        assertThatThrownBy(() -> write("[lint.severity]\nx = \"fatal\"\n"))
                .hasMessageContaining("lint.severity.x must be error, warning or info, got \"fatal\"");
        assertThat(write("backup_keep_days = 0\nbackup_keep_last = 1\n").withoutEnvironment(env(Map.of())).backup().keepDays())
                .isZero();
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> write("[environments.dev]\nurl = \"postgresql://x\n")).hasMessageEndingWith(
                "schemata.toml:2: the string is not closed with '\"' on this line");
        assertThatThrownBy(() -> write("backup_keep_days = 1.5\n")).hasMessageEndingWith(
                "schemata.toml:1: only whole decimal numbers are supported in schemata.toml (no floats, dates or hex)");
        assertThatThrownBy(() -> write("migrations = \"a\"\n\nmigrations = \"b\"\n")).hasMessageEndingWith(
                "schemata.toml:3: key migrations is defined twice (first on line 1)");
        assertThatThrownBy(() -> write("[environments.dev]\n[environments.dev]\n")).hasMessageEndingWith(
                "schemata.toml:2: table [environments.dev] is defined twice");
        assertThatThrownBy(() -> write("[[environments]]\n")).hasMessageEndingWith(
                "schemata.toml:1: arrays of tables ([[...]]) are not supported in schemata.toml");
        assertThatThrownBy(() -> write("migrations = \"a\" b\n")).hasMessageEndingWith(
                "schemata.toml:1: unexpected text after the value: \"b\"");
        assertThatThrownBy(() -> write("migrations = db\n")).hasMessageEndingWith(
                "schemata.toml:1: unexpected value starting with 'd' (strings need quotes)");
    }

    @Test
    void stringsAndKeysFollowToml() throws IOException {
        if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            // In a POSIX locale the JVM cannot name the file; the user gets the place and the way out.
            assertThatThrownBy(() -> write("schema_file = \"a\\u00e9\"\n"))
                    .hasMessageContaining("schemata.toml:1: schema_file is not a usable path here")
                    .hasMessageContaining("LANG=C.UTF-8");
            return;
        }
        ProjectConfig config = write("""
                migrations = 'C:\\new\\dir'   # literal: no escapes
                schema_file = "a\\tb\\u00e9"
                [environments."my env"]
                url = "postgresql://h/d"
                """);
        EnvironmentConfig e = config.environment("my env", env(Map.of()));
        assertThat(e.migrations().getFileName().toString()).isEqualTo("C:\\new\\dir");
        assertThat(e.schemaFile().getFileName().toString()).isEqualTo("a\tb\u00e9");
    }

    @Test
    void aPlainPasswordInAFileOthersCanReadIsAWarning() throws IOException {
        String text = "[environments.prod]\nprotected = true\nurl = \"postgresql://app:hunter22@db/orders\"\n";
        Path file = dir.resolve("schemata.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ProjectConfig.load(file).validate()).singleElement().asString()
                .startsWith(file + ":3: environments.prod.url holds a plain password and the file is readable by group and others (rw-r--r--)")
                .doesNotContain("hunter22");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ProjectConfig.load(file).validate()).isEmpty();

        Files.writeString(file, "[environments.prod]\nprotected = true\nurl = \"postgresql://app:${PGPW}@db/orders\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ProjectConfig.load(file).validate()).isEmpty();
    }

    @Test
    void anUnprotectedProductionEnvironmentIsAWarning() throws IOException {
        assertThat(write("[environments.production]\nurl = \"postgresql://db/x\"\n").validate()).singleElement().asString()
                .endsWith("schemata.toml:1: environment \"production\" looks like production but is not protected; add protected = true");
        assertThat(write("[environments.production]\nprotected = true\n").validate()).isEmpty();
        assertThat(write("[environments.staging]\n").validate()).isEmpty();
    }

    @Test
    void describeListsEverySettingAlphabeticallyWithThePasswordMasked() throws IOException {
        EnvironmentConfig prod = write(EXAMPLE).environment("prod", env(Map.of("DATABASE_URL", "postgresql://app:s3cret@db/orders")));
        assertThat(String.join("\n", prod.describe())).doesNotContain("s3cret").contains("postgresql://app:***@db/orders");
        assertThat(prod.describe()).extracting(l -> l.substring(0, l.indexOf(' '))).isSorted()
                .contains("backup_before_migrate", "backup_dir", "backup_keep_days", "environment", "protected", "url");
        assertThat(prod.describe()).anyMatch(l -> l.matches("protected \\.+ true"));
    }

    @Test
    void aMissingFileIsABadConfig() {
        assertThatThrownBy(() -> ProjectConfig.load(dir.resolve("nope.toml")))
                .hasMessage("configuration file " + dir.resolve("nope.toml") + " does not exist");
        assertThat(ProjectConfig.find(dir)).isEmpty();
    }
}
