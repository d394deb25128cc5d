package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs (initdb, pg_ctl, tar, a user's command that prints DDL) with a time limit and their
 * output captured. Public because it is the one process runner of the project.
 */
public final class Processes {
    /**
     * @param output the standard output, with the standard error merged in unless {@link #capture} ran it
     * @param errors the standard error when kept apart, else empty
     */
    public record Result(int exitCode, String output, String errors) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Processes() {
    }

    static Result run(List<String> command, Path workDir, Duration timeout) {
        return run(command, workDir, timeout, null);
    }

    /** Runs a command with {@code input} on its standard input (null: none). */
    static Result run(List<String> command, Path workDir, Duration timeout, String input) {
        return run(command, workDir, timeout, input, true);
    }

    /** Runs a command whose standard output is its result, keeping its standard error apart for messages. */
    public static Result capture(List<String> command, Path workDir, Duration timeout) {
        return run(command, workDir, timeout, null, false);
    }

    private static Result run(List<String> command, Path workDir, Duration timeout, String input, boolean mergeErrors) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(mergeErrors);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().remove("PGDATA");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> errors = mergeErrors ? CompletableFuture.completedFuture("")
                : CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (input != null) {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program ended without reading its input; its exit code and output say why
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new SchemataException(ErrorCode.OPERATION_FAILED,
                        String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.join(), errors.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while running " + command.get(0), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
