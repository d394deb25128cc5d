package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.HostPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Runs a PostgreSQL client program. The connection goes in libpq environment variables, the password in
 * {@code PGPASSWORD}: never on the command line, where other users of the machine could read it. Inherited
 * {@code PG*} variables are removed first so that only the settings Schemata resolved apply.
 *
 * <p>A program must not outlive Schemata: a pg_dump waiting for a lock would otherwise run on, orphaned,
 * after a {@code kill -9}. Each program is started by a small POSIX shell that leaves a watchdog behind and
 * then becomes the program ({@code exec}); the watchdog checks once a second that Schemata's process is
 * still there and otherwise stops the program (SIGTERM, which makes pg_dump cancel its query on the server,
 * then SIGKILL). It ends by itself when the program ends.
 */
public final class ClientRunner {
    /** Keep at most this much of stderr (pg_restore can be chatty). */
    private static final int MAX_STDERR = 64 * 1024;
    private static final Path SHELL = Path.of("/bin/sh");
    /** {@code $$} is the program once the shell has exec'd it; {@code $PPID} is this JVM. */
    private static final String WATCHDOG = "parent=$PPID; ("
            + " while kill -0 \"$parent\" 2>/dev/null; do kill -0 $$ 2>/dev/null || exit 0; sleep 1; done;"
            + " kill -TERM $$ 2>/dev/null; sleep 5; kill -KILL $$ 2>/dev/null"
            + " ) </dev/null >/dev/null 2>&1 & exec \"$@\"";

    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return stdout == null ? "" : new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ClientRunner() {
    }

    /** libpq variables for a connection; {@code PGPASSWORD} only when there is a password. */
    public static Map<String, String> libpqEnvironment(ConnectionSettings s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", s.hosts().stream().map(HostPort::host).collect(Collectors.joining(",")));
        env.put("PGPORT", s.hosts().stream().map(h -> String.valueOf(h.port())).collect(Collectors.joining(",")));
        env.put("PGUSER", s.user());
        env.put("PGDATABASE", s.database());
        if (s.password() != null) {
            env.put("PGPASSWORD", s.password());
        }
        Map<String, String> p = s.parameters();
        copy(p, "sslmode", env, "PGSSLMODE");
        copy(p, "sslrootcert", env, "PGSSLROOTCERT");
        copy(p, "sslcert", env, "PGSSLCERT");
        copy(p, "sslkey", env, "PGSSLKEY");
        copy(p, "connectTimeout", env, "PGCONNECT_TIMEOUT");
        env.put("PGAPPNAME", "schemata");
        return env;
    }

    private static void copy(Map<String, String> from, String key, Map<String, String> to, String variable) {
        if (from.get(key) != null) {
            to.put(variable, from.get(key));
        }
    }

    /**
     * Runs {@code command} to completion.
     *
     * @param stdin  fed to the program, or null for none
     * @param stdout where its output goes, or null to keep it in the result
     */
    public static Result run(List<String> command, Map<String, String> env, InputStream stdin, OutputStream stdout) {
        ProcessBuilder builder = new ProcessBuilder(withWatchdog(command));
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        builder.environment().putAll(env);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readLimited(process.getErrorStream()));
        CompletableFuture<Void> feeding = stdin == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> feed(stdin, process.getOutputStream()));
        ByteArrayOutputStream kept = stdout == null ? new ByteArrayOutputStream() : null;
        try (InputStream out = process.getInputStream()) {
            out.transferTo(stdout == null ? kept : stdout);
            int code = process.waitFor();
            feeding.exceptionally(e -> null).join();
            return new Result(code, kept == null ? null : kept.toByteArray(), errors.join());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while running " + command.get(0), e);
        }
    }

    private static List<String> withWatchdog(List<String> command) {
        if (!Files.isExecutable(SHELL)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SHELL.toString(), "-c", WATCHDOG, "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void feed(InputStream from, OutputStream to) {
        try (from; to) {
            from.transferTo(to);
        } catch (IOException e) {
            // the program stopped reading (it failed); its exit code and stderr tell why
        }
    }

    private static String readLimited(InputStream in) {
        try (in) {
            byte[] all = in.readAllBytes();
            String text = new String(all, 0, Math.min(all.length, MAX_STDERR), StandardCharsets.UTF_8);
            return all.length > MAX_STDERR ? text + "\n…" : text;
        } catch (IOException e) {
            return "";
        }
    }
}
