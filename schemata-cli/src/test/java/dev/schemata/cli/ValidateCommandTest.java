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

/** validate --schema and the lists of required tables and indexes, from the command line and schemata.toml. */
@ExtendWith(PostgresExtension.class)
class ValidateCommandTest {
    @TempDir
    Path project;

    private CliRunner cli;
    private TestDatabase db;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) throws IOException {
        this.db = db;
        this.cli = new CliRunner(project).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/001_init.sql"), """
                CREATE TABLE t (id int PRIMARY KEY, name text);
                CREATE INDEX t_name_idx ON t (name);
                CREATE TABLE u (id int);
                """);
        assertThat(cli.run("migrate", "--url", db.url()).exitCode()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemaReportsADroppedIndexAndTable() {
        CliRunner.Result clean = cli.run("validate", "--schema", "--url", db.url());
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.err()).contains("the schema matches").contains("up to version 001");

        db.execute("DROP INDEX t_name_idx; DROP TABLE u");
        // The history alone still says all is well; only the schema comparison sees it.
        assertThat(cli.run("validate", "--url", db.url()).exitCode()).isZero();
        CliRunner.Result r = cli.run("validate", "--schema", "--json", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        List<String> problems = (List<String>) ((Map<String, Object>) Json.parse(r.out())).get("problems");
        assertThat(problems).anyMatch(p -> p.contains("CREATE TABLE public.u"))
                .anyMatch(p -> p.contains("CREATE INDEX t_name_idx"));
    }

    @Test
    void requiredObjectsTakeCommaSeparatedLists() {
        CliRunner.Result r = cli.run("validate", "--url", db.url(), "--require-table", "t,public.u, zz",
                "--require-index", "t_name_idx,nope_idx");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("required table zz does not exist").contains("required index nope_idx does not exist")
                .doesNotContain("required table t ").doesNotContain("public.u does not").doesNotContain("t_name_idx does not");

        CliRunner.Result empty = cli.run("validate", "--url", db.url(), "--require-table", "t,,u");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("--require-table: an empty name in \"t,,u\"");
        assertThat(cli.run("validate", "--url", db.url(), "--require-table", "no such table").exitCode()).isEqualTo(2);
    }

    @Test
    void requiredObjectsPerEnvironment() throws IOException {
        Files.writeString(project.resolve("schemata.toml"), """
                require_tables = ["t"]

                [environments.dev]
                url = "%s"

                [environments.prod]
                url = "%s"
                require_tables = ["t", "missing_t"]
                require_indexes = "t_name_idx, gone_idx"
                """.formatted(db.url(), db.url()));
        assertThat(cli.run("validate", "--env", "dev").exitCode()).isZero();
        CliRunner.Result prod = cli.run("validate", "--env", "prod", "--require-table", "extra");
        assertThat(prod.exitCode()).as(prod.all()).isEqualTo(1);
        assertThat(prod.out()).contains("required table missing_t does not exist").contains("required index gone_idx does not exist")
                .contains("required table extra does not exist").doesNotContain("t_name_idx does not");
        assertThat(cli.run("config", "--env", "prod").out()).contains("require_indexes").contains("t_name_idx, gone_idx");

        Files.writeString(project.resolve("schemata.toml"), "[environments.dev]\nurl = \"" + db.url() + "\"\nrequire_tables = [1]\n");
        CliRunner.Result bad = cli.run("validate", "--env", "dev");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("schemata.toml:3").contains("require_tables must be an array of strings");
    }
}
