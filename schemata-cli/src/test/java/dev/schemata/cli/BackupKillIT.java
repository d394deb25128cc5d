package dev.schemata.cli;

import dev.schemata.backup.ClientLocator;
import dev.schemata.connect.Environment;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A backup killed with SIGKILL leaves no pg_dump running, and the next backup clears its partial file. */
@ExtendWith(PostgresExtension.class)
class BackupKillIT {
    @TempDir
    Path project;

    @Test
    void aKilledBackupTakesItsPgDumpWithItAndTheNextBackupRemovesThePartialFile(TestDatabase db, TestCluster cluster) throws Exception {
        BackupCommandsTest.assumePgDump(cluster);
        db.execute("CREATE TABLE events (id int); INSERT INTO events SELECT generate_series(1, 100)");
        // The machine's pg_dump, started 2 s late: time to queue a lock that it will then wait for.
        Path realPgDump = new ClientLocator(Environment.current(), null).locate("pg_dump", cluster.binaries().major(), "the test").path();
        Path slow = Files.createDirectories(project.resolve("slow-bin")).resolve("pg_dump");
        Files.writeString(slow, "#!/bin/sh\ncase \"$1\" in --version) ;; *) sleep 2 ;; esac\nexec " + realPgDump + " \"$@\"\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
        Path dir = project.resolve("bk");
        ProcessHandle pgDump = null;
        try (Connection blocker = db.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            Process backup = Processes.java(project, Map.of(), "backup", "--url", db.url(), "--dir", dir.toString(),
                    "--pg-dump", slow.toString()).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(backup.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = output.readLine()) != null && !line.contains("backing up "); ) {
                // Schemata reads the schema and row counts first, holding its locks until pg_dump is done
            }
            CompletableFuture.runAsync(() -> output.lines().forEach(l -> { }));
            // Queued behind Schemata's own lock; pg_dump's lock then queues behind this one.
            CompletableFuture<Void> locked = CompletableFuture.runAsync(() -> {
                try {
                    s.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !Long.valueOf(1).equals(db.value("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE public.events%'"))) {
                Thread.sleep(50);
            }
            pgDump = pgDumpOf(backup).orElseThrow(() -> new AssertionError("no pg_dump child of the backup found"));

            backup.destroyForcibly().waitFor(); // SIGKILL
            locked.get(30, TimeUnit.SECONDS);
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < gone && pgDump.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(pgDump.isAlive()).as("pg_dump (pid %d) still runs after Schemata was killed", pgDump.pid()).isFalse();
            assertThat(partials(dir)).hasSize(1);
            blocker.rollback();
        } finally {
            if (pgDump != null) {
                pgDump.destroyForcibly();
            }
        }

        Processes.Result next = Processes.run(Processes.java(project, Map.of(), "backup", "--url", db.url(), "--dir",
                dir.toString()), 120);
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).contains("removed 1 partial file(s) that interrupted backups left in " + dir);
        assertThat(partials(dir)).isEmpty();
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains("*");
    }

    private static Optional<ProcessHandle> pgDumpOf(Process backup) {
        return backup.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/pg_dump")).orElse(false))
                .findFirst();
    }

    private static List<Path> partials(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }
}
