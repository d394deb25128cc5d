package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor commands' human and JSON output and exit codes. */
@ExtendWith(PostgresExtension.class)
class MonitorCommandTest {
    @TempDir
    Path project;

    @Test
    @SuppressWarnings("unchecked")
    void sizesIndexesAndLocksPrintTablesAndJson(TestDatabase db) {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text); CREATE INDEX items_name ON items (name);"
                + " INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 500) g; ANALYZE items");
        CliRunner runner = new CliRunner(project);
        CliRunner.Result sizes = runner.run("monitor", "sizes", "--url", db.url());
        assertThat(sizes.exitCode()).isZero();
        assertThat(sizes.out()).contains("TABLE").contains("public.items").contains("  items_pkey").contains("500");
        Map<String, Object> json = (Map<String, Object>) Json.parse(runner.run("monitor", "sizes", "--json", "--url", db.url()).out());
        Map<String, Object> items = ((List<Map<String, Object>>) json.get("tables")).get(0);
        assertThat(items).containsEntry("table", "public.items").containsEntry("rowEstimate", 500L);

        CliRunner.Result indexes = runner.run("monitor", "indexes", "--url", db.url());
        assertThat(indexes.out()).contains("public.items_name").contains("unused").contains("1 unused (");
        Map<String, Object> ij = (Map<String, Object>) Json.parse(runner.run("monitor", "indexes", "--json", "--url", db.url()).out());
        assertThat((List<String>) ij.get("unused")).containsExactly("public.items_name");

        assertThat(runner.run("monitor", "locks", "--url", db.url()).out()).contains("No session is waiting for a lock.");
        assertThat(Json.parse(runner.run("monitor", "locks", "--json", "--url", db.url()).out())).isEqualTo(Map.of("waiting", List.of()));
    }

    @Test
    void queriesWithoutTheExtensionExitOneSayingHowToEnableIt(TestDatabase db) {
        CliRunner.Result r = new CliRunner(project).run("monitor", "queries", "--json", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("CREATE EXTENSION pg_stat_statements");
        assertThat(r.out()).contains("\"code\": \"OPERATION_FAILED\"");
    }
}
