package dev.schemata.fleet;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one piece of work on every target of a fleet, in parallel, with at most {@code parallel} targets at a
 * time on each server. With a canary, the first targets run first and any failure among them stops the
 * fleet; with {@code stopOnError}, a failure lets the running targets finish and starts no other. Targets not
 * run are reported as skipped, never left out. Whatever a target's work throws is that target's failure.
 */
public final class FleetRunner {
    /** Thread bound for fleets spread over many servers: the work is waiting on servers, not on this machine. */
    private static final int MAX_THREADS = 64;
    private static final int FALLBACK_PARALLEL = 4;

    /**
     * @param parallel    targets at a time per server; 0 picks it from each server's free connections
     * @param canary      how many targets go first (0: none)
     * @param stopOnError after a failure, start no further target
     */
    public record Settings(int parallel, int canary, boolean stopOnError) {
        public Settings {
            if (parallel < 0 || parallel > 1000) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--parallel " + parallel + ": expected 1 to 1000");
            }
            if (canary < 0) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--canary " + canary + ": expected 0 or more");
            }
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public FleetRunner(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public FleetReport run(String command, List<Target> targets, int fleetSize, Shard shard, Function<Target, TargetResult> work) {
        long started = System.nanoTime();
        Map<String, Semaphore> perServer = new HashMap<>();
        for (Target t : targets) {
            perServer.computeIfAbsent(t.server(), s -> new Semaphore(settings.parallel() > 0 ? settings.parallel() : defaultParallel(t)));
        }
        int permits = perServer.values().stream().mapToInt(Semaphore::availablePermits).sum();
        int threads = Math.max(1, Math.min(Math.min(permits, MAX_THREADS), targets.size()));
        progress.accept(command + ": " + targets.size() + " target" + (targets.size() == 1 ? "" : "s")
                + (shard.count() > 1 ? " (shard " + shard + " of a fleet of " + fleetSize + ")" : "")
                + ", up to " + perServer.values().stream().mapToInt(Semaphore::availablePermits).max().orElse(1)
                + " at a time per server");
        Map<Target, TargetResult> results = new LinkedHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "fleet");
            thread.setDaemon(true);
            return thread;
        });
        try {
            int canary = Math.min(settings.canary(), targets.size());
            runAll(pool, targets.subList(0, canary), perServer, stop, settings.stopOnError(), work, results);
            if (canary > 0 && results.values().stream().anyMatch(r -> r.status().failure())) {
                progress.accept(command + ": the canary failed; the other " + (targets.size() - canary) + " targets are skipped");
                stop.set(true);
            }
            runAll(pool, targets.subList(canary, targets.size()), perServer, stop, settings.stopOnError(), work, results);
        } finally {
            pool.shutdownNow();
        }
        List<TargetResult> ordered = new ArrayList<>();
        targets.forEach(t -> ordered.add(results.get(t)));
        return new FleetReport(command, ordered, fleetSize, shard, (System.nanoTime() - started) / 1_000_000);
    }

    private void runAll(ExecutorService pool, List<Target> batch, Map<String, Semaphore> perServer, AtomicBoolean stop,
                        boolean stopOnError, Function<Target, TargetResult> work, Map<Target, TargetResult> results) {
        List<Future<TargetResult>> futures = new ArrayList<>();
        for (Target t : batch) {
            futures.add(pool.submit(() -> {
                Semaphore slot = perServer.get(t.server());
                slot.acquire();
                try {
                    if (stop.get()) {
                        return skipped(t);
                    }
                    long t0 = System.nanoTime();
                    TargetResult r;
                    try {
                        r = work.apply(t);
                    } catch (RuntimeException e) {
                        r = TargetResult.of(t, TargetResult.Status.FAILED, null, null, "", List.of(),
                                e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                    r = r.withDuration((System.nanoTime() - t0) / 1_000_000);
                    if (r.status().failure() && stopOnError) {
                        stop.set(true);
                    }
                    progress.accept(line(r));
                    return r;
                } finally {
                    slot.release();
                }
            }));
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                results.put(batch.get(i), futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while running the fleet", e);
            } catch (ExecutionException e) {
                results.put(batch.get(i), TargetResult.of(batch.get(i), TargetResult.Status.FAILED, null, null, "", List.of(),
                        String.valueOf(e.getCause())));
            }
        }
    }

    private static TargetResult skipped(Target t) {
        return TargetResult.of(t, TargetResult.Status.SKIPPED, null, null, "not run", List.of(),
                "not run: an earlier target failed (--on-error stop, or the canary)");
    }

    private static String line(TargetResult r) {
        return r.target().name() + ": " + r.status().label() + (r.summary().isEmpty() ? "" : ", " + r.summary())
                + (r.error() == null ? "" : ": " + firstLine(r.error())) + " (" + r.durationMs() + " ms)";
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /**
     * A quarter of the connections the server has free (never more than 16, never less than 1): enough to keep
     * it busy, while the applications on it keep their connections. A server that cannot be asked gets 4; its
     * targets then fail on their own, each with its reason.
     */
    static int defaultParallel(Target t) {
        ConnectionFactory plain = ConnectionFactory.of(t.database());
        try (Connection c = plain.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int"
                     + " - current_setting('superuser_reserved_connections')::int"
                     + " - (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend')::int")) {
            rs.next();
            return Math.max(1, Math.min(16, rs.getInt(1) / 4));
        } catch (SQLException | SchemataException e) {
            return FALLBACK_PARALLEL;
        }
    }
}
