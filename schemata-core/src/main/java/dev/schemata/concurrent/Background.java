package dev.schemata.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A task running on a daemon thread of its own from the moment it is started. {@link #join()} waits for it
 * and returns its result, or throws its exception as it was thrown, so that the caller decides which of
 * several failures to report first. A caller that gives up simply stops waiting: the task must clean up
 * after itself.
 *
 * @param <T> what the task gives
 */
public final class Background<T> {
    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a thread named {@code name}. */
    public static <T> Background<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Background<>(task);
    }

    /**
     * Waits for the task, through interrupts (giving up would leave its result, a connection say, with
     * nobody to close it; the interrupt is kept for the caller). A checked exception of the task comes as
     * it was, as does a runtime exception or an error.
     */
    public T join() throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
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

    /** {@link #join()} for a task that throws only unchecked exceptions. */
    public T joinUnchecked() {
        try {
            return join();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
