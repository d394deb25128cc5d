package dev.schemata.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A task running on a daemon thread of its own from the moment it is started. {@link #join()} waits for it
 * and returns its result, or throws its exception as it was thrown, so that the caller decides which of
 * several failures to report first. A caller that gives up simply stops waiting: the task must clean up
 * after itself.
 *
 * @param <T> what the task gives
 */
public final class Background<T> {
    /** Below this many items {@link #map} works on the calling thread alone: threads would cost more. */
    private static final int MAP_IN_PARALLEL_FROM = 128;

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

    /**
     * {@code work} applied to every item, on the calling thread and, for many items, a few more (up to the
     * processors, at most four): for reading and parsing thousands of files before a command starts. The
     * results come in the items' order, and if any item fails, the exception of the first one that failed in
     * that order is thrown, as a loop would have thrown it (the work must have no effects beyond its result).
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        int count = items.size();
        Object[] results = new Object[count];
        RuntimeException[] failures = new RuntimeException[count];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                try {
                    results[i] = work.apply(items.get(i));
                } catch (RuntimeException e) {
                    failures[i] = e;
                }
            }
            return null;
        };
        int threads = count < MAP_IN_PARALLEL_FROM ? 1 : Math.min(4, Runtime.getRuntime().availableProcessors());
        List<Background<Void>> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            helpers.add(start("schemata-worker-" + t, worker));
        }
        try {
            worker.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Background<Void> helper : helpers) {
            helper.joinUnchecked();
        }
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }
}
