package dev.schemata.cli;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply} takes the migration lock on the session that runs the plan, as {@code migrate} does: a
 * concurrent migrate waits for it and gives up with exit 4, and the lock is held by the very server process
 * running the plan's statement, so it cannot be released while that statement still runs.
 */
@ExtendWith(PostgresExtension.class)
class ApplyLockTest {
    @TempDir
    Path dir;

    @Test
    void aMigrateDuringAnApplyTimesOutOnTheLockTheApplyHoldsOnItsWorkingSession(TestCluster cluster, TestDatabase db)
            throws Exception {
        // Run as written on the empty target (and slow only there, not on the throwaway database).
        Files.writeString(dir.resolve("init.sql"), """
                CREATE TABLE slow (id int);
                DO $$ BEGIN
                    IF current_database() = '%s' THEN PERFORM pg_sleep(4); END IF;
                END $$;
                """.formatted(db.name()));
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_other.sql"), "CREATE TABLE other (id int);\n");
        CliRunner cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());

        CompletableFuture<CliRunner.Result> apply = CompletableFuture.supplyAsync(() -> cli.run("apply", "--url", db.url()));
        Object holder = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (holder == null && System.nanoTime() < deadline && !apply.isDone()) {
            // The process holding the migration lock, if it is the one running the plan's slow statement.
            holder = db.value("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND a.query LIKE 'DO $$%pg_sleep%'")
                    .equals(1L) ? "found" : null;
            Thread.sleep(50);
        }
        assertThat(holder).as("the session running the plan holds the migration lock").isNotNull();

        CliRunner.Result migrate = cli.run("migrate", "--url", db.url(), "--lock-timeout", "300ms");
        assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(4);
        assertThat(migrate.err()).contains("another run held the migration lock");

        CliRunner.Result applied = apply.get(60, TimeUnit.SECONDS);
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(db.tables()).contains("slow").doesNotContain("other");
        assertThat(cli.run("migrate", "--url", db.url()).exitCode()).isZero();
        assertThat(db.tables()).contains("other");
    }
}
