package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Several application instances starting at once: each migration is applied exactly once. */
@ExtendWith(PostgresExtension.class)
class ConcurrentMigrateIT {
    @TempDir
    Path project;

    @ParameterizedTest(name = "{0} processes")
    @ValueSource(ints = {2, 8})
    void concurrentProcessesApplyEachMigrationExactlyOnce(int processes, TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        for (int i = 1; i <= 30; i++) {
            String sql = i % 5 == 0
                    ? "CREATE INDEX CONCURRENTLY t" + (i - 1) + "_id ON t" + (i - 1) + " (id);\n"
                    : "CREATE TABLE t" + i + " (id int);\nINSERT INTO counter VALUES (" + i + ");\n";
            Files.writeString(dir.resolve(String.format("%03d_step.sql", i)), sql);
        }
        db.execute("CREATE TABLE counter (n int)");
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            running.add(Processes.java(project, Map.of(), "migrate", "--url", db.url(), "--quiet").inheritIO()
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : running) {
            assertThat(p.waitFor()).isZero();
        }
        assertThat(db.value("SELECT count(*) FROM counter")).isEqualTo(24L);
        assertThat(db.value("SELECT count(*) FROM (SELECT DISTINCT n FROM counter) d")).isEqualTo(24L);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).isEqualTo(30L);
        assertThat(db.value("SELECT count(DISTINCT version) FROM schema_migrations")).isEqualTo(30L);
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo(0L);
        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo(0L);
    }
}
