package dev.schemata.migration;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A {@link MigrationSet#scan(Path)} running on a thread of its own, for a caller that talks to the database
 * meanwhile: reading thousands of files and a round trip to the server then overlap instead of adding up.
 * {@link #join()} hands over the set, or throws the scan's exception unchanged, so that a caller can still
 * report a problem in the files before one of its own.
 */
public final class BackgroundScan {
    private final FutureTask<MigrationSet> task;

    private BackgroundScan(FutureTask<MigrationSet> task) {
        this.task = task;
    }

    /** Starts scanning {@code directory}. */
    public static BackgroundScan start(Path directory) {
        FutureTask<MigrationSet> task = new FutureTask<>(() -> MigrationSet.scan(directory));
        Thread thread = new Thread(task, "schemata-scan");
        // Nothing to clean up if the caller gives up: the thread ends when the files are read.
        thread.setDaemon(true);
        thread.start();
        return new BackgroundScan(task);
    }

    /** Waits for the scan; its exception, if it failed, is thrown as it was. */
    public MigrationSet join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // The scan ends on its own and soon; its result is what the caller needs.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
