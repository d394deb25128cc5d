package dev.schemata.execute;

import java.time.Duration;

/**
 * The {@code lock_timeout} and {@code statement_timeout} a unit or a statement runs with, each as
 * PostgreSQL reads it ({@code 5s}, {@code 1500ms}), or null for the server's setting.
 */
public record Timeouts(String lock, String statement) {
    /** Both as the server has them. */
    public static final Timeouts SERVER = new Timeouts(null, null);

    public static Timeouts of(Duration lock, Duration statement) {
        return new Timeouts(lock == null ? null : lock.toMillis() + "ms", statement == null ? null : statement.toMillis() + "ms");
    }

    public boolean isServer() {
        return lock == null && statement == null;
    }
}
