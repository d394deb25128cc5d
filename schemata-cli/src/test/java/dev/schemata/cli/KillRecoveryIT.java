package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A process killed mid-run leaves no stuck lock and no half-applied migration; the next run finishes. */
@ExtendWith(PostgresExtension.class)
class KillRecoveryIT {
    @TempDir
    Path project;

    @Test
    void killedMidMigrationTheNextRunCompletes(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("001_a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("002_slow.sql"), "CREATE TABLE b (id int);\nSELECT pg_sleep(3);\n");
        Process p = Processes.java(project, Map.of(), "migrate", "--url", db.url())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Wait until the slow statement runs, then kill without warning.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !Long.valueOf(1).equals(
                db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%'"))) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        assertThat(db.value("SELECT string_agg(version, ',') FROM schema_migrations")).isEqualTo("001");

        // No stuck lock: the next run takes it as soon as the killed session's statement has ended (the
        // server finishes it first; the default wait would be 10 minutes) and applies 002.
        Processes.Result migrate = Processes.run(Processes.java(project, Map.of(), "migrate", "--url", db.url(),
                "--lock-timeout", "15s"), 60);
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(db.tables()).contains("b");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).isEqualTo(2L);
    }
}
