package dev.schemata.testing;

import dev.schemata.devdb.Cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Another local OS user ({@code nobody}) trying to connect to a server Schemata runs, with psql through
 * {@code runuser}: what any account on a shared machine could do. Needs root to switch users.
 */
public final class OtherUser {
    private OtherUser() {
    }

    /** What psql said and how it ended. */
    public record Attempt(int exitCode, String output) {
    }

    /** Skips the test, saying why, when the tests cannot act as another user. */
    public static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "only root can try a connection as another OS user (runuser -u nobody)");
    }

    /**
     * Runs {@code psql -w -h HOST -p PORT -U postgres -d postgres -c 'select 1'} as {@code nobody};
     * {@code password} (may be null) is given through {@code PGPASSWORD}.
     */
    public static Attempt psql(Path psql, String host, int port, String password) {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--", psql.toString(), "-X", "-w",
                "-h", host, "-p", String.valueOf(port), "-U", Cluster.SUPERUSER, "-d", "postgres", "-At", "-c", "select 1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("/").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("psql finished").isTrue();
            return new Attempt(p.exitValue(), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that {@code nobody} is refused over TCP and through the Unix socket in {@code dataDir}, and — so
     * that the refusals are not an accident of the setup — gets in over TCP with the password.
     */
    public static void assertRefused(Path psql, Path dataDir, int port, String password) {
        Attempt tcp = psql(psql, "127.0.0.1", port, null);
        assertThat(tcp.exitCode()).as("nobody over TCP: %s", tcp.output()).isNotZero();
        assertThat(tcp.output()).contains("password");
        Attempt socket = psql(psql, dataDir.toString(), port, null);
        assertThat(socket.exitCode()).as("nobody through the socket: %s", socket.output()).isNotZero();
        assertThat(socket.output()).containsAnyOf("Permission denied", "password");
        Attempt wrong = psql(psql, "127.0.0.1", port, "not-the-password");
        assertThat(wrong.exitCode()).as("nobody with a wrong password: %s", wrong.output()).isNotZero();
        Attempt right = psql(psql, "127.0.0.1", port, password);
        assertThat(right.exitCode()).as("with the password: %s", right.output()).isZero();
    }
}
