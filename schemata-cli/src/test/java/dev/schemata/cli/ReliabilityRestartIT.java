package dev.schemata.cli;

import dev.schemata.connect.Database;
import dev.schemata.connect.Environment;
import dev.schemata.devdb.ServerUser;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server restarts ({@code pg_ctl restart -m fast}, and {@code -m immediate}: a crash and recovery) in
 * the middle of a run: the tool exits 3 with a connection message, nothing is half-applied, and the next
 * run completes. A server of its own, so that no other test sees the restarts.
 */
class ReliabilityRestartIT {
    private static final int MIGRATIONS = 30;
    private static TestCluster cluster;

    @TempDir
    Path project;

    @BeforeAll
    static void startServer() throws Exception {
        cluster = TestCluster.start();
        // The test server trades durability for speed (fsync and synchronous_commit off), so a crash would
        // lose commits it had acknowledged. A crash test needs a server that keeps its word.
        try (Connection c = Database.connect(cluster.settings("postgres")); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET fsync = on");
            s.execute("ALTER SYSTEM SET full_page_writes = on");
            s.execute("ALTER SYSTEM SET synchronous_commit = on");
            s.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Restarts per shutdown mode: one in CI (10 trials), a fifth of the trials beyond (10 in the full suite). */
    static int restarts() {
        return Reliability.trials() <= 10 ? 1 : Reliability.trials() / 5;
    }

    @ParameterizedTest(name = "pg_ctl restart -m {0}")
    @ValueSource(strings = {"fast", "immediate"})
    void aServerRestartMidRunExitsThreeAndTheNextRunCompletes(String mode) throws Exception {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            String sql;
            if (i == 1) {
                sql = "CREATE TABLE log (n int NOT NULL);\nCREATE TABLE big (id int, v text);\n"
                        + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 20000) g;\nINSERT INTO log VALUES (1);\n";
            } else if (i % 10 == 0) {
                sql = "CREATE INDEX CONCURRENTLY big_v_" + i + " ON big (v);\n";
            } else {
                sql = "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i + " VALUES (1);\nSELECT pg_sleep(0.1);\n"
                        + "INSERT INTO log VALUES (" + i + ");\n";
            }
            Files.writeString(dir.resolve(String.format("%03d_step.sql", i)), sql);
        }
        Random random = new Random(Reliability.seed("restart -m " + mode));
        int exits3 = 0;
        int repairs = 0;
        for (int trial = 1; trial <= restarts(); trial++) {
            TestDatabase db = cluster.newDatabase();
            String url = Reliability.ownerUrl(db);
            int restartAfter = 1 + random.nextInt(MIGRATIONS - 3);
            Path out = project.resolve("out.txt");
            Path err = project.resolve("err.txt");
            Process run = Processes.java(project, Map.of(), "migrate", "--url", url)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (applied(db) < restartAfter) {
                assertThat(System.nanoTime()).as("the run progresses: %s", Files.readString(err)).isLessThan(deadline);
                assertThat(run.isAlive()).as("the run is still going: %s", Files.readString(err)).isTrue();
                Thread.sleep(10);
            }
            long r0 = System.nanoTime();
            restart(mode);
            long restartMs = (System.nanoTime() - r0) / 1_000_000;
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(err);
            Reliability.assertNoSecret(Files.readString(out), stderr);
            assertThat(run.exitValue()).as("trial %d, restart after %d applied: %s", trial, restartAfter, stderr).isEqualTo(3);
            assertThat(stderr).containsPattern("lost the connection to postgresql://owner_\\w+:\\*\\*\\*@");
            assertThat(stderr).as("one sentence ends, the next begins").doesNotContain("..");
            exits3++;
            System.out.printf("[reliability] restart -m %s trial %d after %d applied (%d ms to restart): %s%n", mode, trial,
                    restartAfter, restartMs, stderr.lines().filter(l -> l.startsWith("error:")).findFirst().orElse(""));

            // Nothing half-applied: a migration's effects exist exactly when it is recorded as applied.
            // Every migration recorded before the restart is still recorded: the server acknowledged it.
            Set<Integer> recorded = new TreeSet<>(db.query("SELECT version FROM schema_migrations WHERE success").stream()
                    .map(r -> Integer.parseInt((String) r.get("version"))).toList());
            assertThat(recorded).as("trial %d: recorded before the restart", trial).hasSizeGreaterThanOrEqualTo(restartAfter);
            recorded.removeIf(v -> v % 10 == 0);
            Set<Integer> logged = db.value("SELECT to_regclass('public.log')") == null ? Set.of()
                    : db.query("SELECT n FROM log").stream().map(r -> (Integer) r.get("n")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(logged).as("trial %d", trial).isEqualTo(recorded);

            Processes.Result next = Processes.run(Processes.java(project, Map.of(), "migrate", "--url", url), 120);
            if (next.exitCode() == 1 && next.err().contains("schemata repair")) {
                // Documented: a concurrent build cut short by the crash leaves an INVALID index for repair.
                repairs++;
                Processes.Result repair = Processes.run(Processes.java(project, Map.of(), "repair", "--url", url), 120);
                assertThat(repair.exitCode()).as(repair.err()).isZero();
                next = Processes.run(Processes.java(project, Map.of(), "migrate", "--url", url), 120);
            }
            Reliability.assertNoSecret(next.out(), next.err());
            assertThat(next.exitCode()).as("trial %d: %s", trial, next.err()).isZero();
            Reliability.assertCompleteHistory(db, MIGRATIONS);
            assertThat(db.value("SELECT count(*) = count(DISTINCT n) AND count(*) = " + (MIGRATIONS - MIGRATIONS / 10) + " FROM log"))
                    .isEqualTo(true);
            assertThat(db.value("SELECT count(*) FROM pg_index WHERE indrelid = 'big'::regclass AND indisvalid"))
                    .isEqualTo((long) MIGRATIONS / 10);
        }
        System.out.printf("[reliability] restart -m %s: %d restarts, %d exits with code 3, %d needed repair, data lost 0%n",
                mode, restarts(), exits3, repairs);
    }

    private static long applied(TestDatabase db) {
        if (db.value("SELECT to_regclass('public.schema_migrations')") == null) {
            return 0;
        }
        return ((Number) db.value("SELECT count(*) FROM schema_migrations WHERE success")).longValue();
    }

    /** {@code pg_ctl restart} as the server's user; the server keeps its port. */
    private static void restart(String mode) throws Exception {
        ServerUser user = ServerUser.detect(Environment.current());
        List<String> command = new ArrayList<>();
        if (user.isSeparate()) {
            command.addAll(List.of(user.runuser().toString(), "-u", user.name(), "--"));
        }
        Path data = cluster.cluster().dataDir();
        command.addAll(List.of(cluster.binaries().program("pg_ctl").toString(), "-D", data.toString(), "-l",
                data.resolve("server.log").toString(), "-m", mode, "-w", "-t", "60", "-s", "restart"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pg_ctl restart -m " + mode).isZero();
    }
}
