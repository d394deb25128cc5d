package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight processes started together, round after round: each migration is applied exactly once, a process
 * fails only with the documented lock-timeout exit (4), and no lock is left held. Every other round uses a
 * short {@code --lock-timeout} so that the timeout path is exercised too.
 */
@ExtendWith(PostgresExtension.class)
class ReliabilityConcurrencyIT {
    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 24;

    @TempDir
    Path project;

    /** Rounds: two in CI (10 trials: one of each kind), two fifths of the trials beyond (20 in the full suite). */
    static int rounds() {
        return Reliability.trials() <= 10 ? 2 : Reliability.trials() * 2 / 5;
    }

    @Test
    void eightProcessesStartedTogetherApplyEachMigrationOnce(TestCluster cluster) throws Exception {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            String sql = i == 1 ? "CREATE TABLE counter (n int NOT NULL);\nCREATE TABLE big (id int, v text);\n"
                    + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 20000) g;\nINSERT INTO counter VALUES (1);\n"
                    : i % 6 == 0 ? "CREATE INDEX CONCURRENTLY big_" + i + " ON big (v, id);\n"
                    : "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.02);\nINSERT INTO counter VALUES (" + i + ");\n";
            Files.writeString(dir.resolve(String.format("%03d_step.sql", i)), sql);
        }
        int logged = MIGRATIONS - MIGRATIONS / 6;
        int timeouts = 0;
        for (int round = 1; round <= rounds(); round++) {
            TestDatabase db = cluster.newDatabase();
            String url = Reliability.ownerUrl(db);
            boolean shortWait = round % 2 == 0;
            List<Process> running = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Path out = project.resolve("out-" + p + ".txt");
                outputs.add(out);
                running.add(Processes.java(project, Map.of(), "migrate", "--url", url, "--json", "--lock-timeout",
                        shortWait ? "300ms" : "120s").redirectErrorStream(true).redirectOutput(out.toFile()).start());
            }
            int roundTimeouts = 0;
            for (int p = 0; p < PROCESSES; p++) {
                assertThat(running.get(p).waitFor(180, TimeUnit.SECONDS)).isTrue();
                int exit = running.get(p).exitValue();
                String output = Files.readString(outputs.get(p));
                Reliability.assertNoSecret(output);
                if (shortWait && exit == 4) {
                    assertThat(output).contains("another run held the migration lock").containsPattern("\"exitCode\":\\s*4");
                    roundTimeouts++;
                } else {
                    assertThat(exit).as("round %d process %d: %s", round, p, output).isZero();
                }
            }
            timeouts += roundTimeouts;
            if (roundTimeouts > 0) {
                // Whatever the timed-out processes would have done is finished by one more run.
                Processes.Result last = Processes.run(Processes.java(project, Map.of(), "migrate", "--url", url), 120);
                assertThat(last.exitCode()).as(last.err()).isZero();
            }
            Reliability.assertCompleteHistory(db, MIGRATIONS);
            assertThat(db.value("SELECT count(*) FROM counter")).as("round %d", round).isEqualTo((long) logged);
            assertThat(db.value("SELECT count(DISTINCT n) FROM counter")).as("round %d", round).isEqualTo((long) logged);
        }
        System.out.printf("[reliability] concurrency: %d rounds of %d processes, %d lock timeouts (exit 4), no double application%n",
                rounds(), PROCESSES, timeouts);
    }
}
