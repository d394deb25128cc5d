package dev.schemata.history;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The migration lock: a session-level advisory lock, taken outside any transaction so that waiting for it
 * never holds a snapshot a {@code CREATE INDEX CONCURRENTLY} would wait for. The server releases it when the
 * session ends, so a killed process leaves no stuck lock; held by the session that applies migrations, it
 * is released only once the server has finished that session's last statement.
 *
 * <p>The key is the first 8 bytes of SHA-256 of {@code "schemata:" + schema + "." + table}: runs against the
 * same history table exclude each other, runs against different ones do not.
 */
public final class AdvisoryLock implements AutoCloseable {
    private final Connection connection;
    private final long key;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    public static long key(HistoryTable table) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("schemata:" + table.schema() + "." + table.name()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the lock, waiting up to {@code timeout}. The connection becomes the lock's; closing the lock
     * releases it and closes the connection.
     *
     * @throws SchemataException with {@code LOCK_TIMEOUT} when another run holds it longer than the timeout
     */
    public static AdvisoryLock acquire(Connection connection, HistoryTable table, Duration timeout,
                                       Consumer<String> notices) throws SQLException {
        try {
            return acquire(connection, key(table), table, timeout, notices);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    private static AdvisoryLock acquire(Connection connection, long key, HistoryTable table, Duration timeout,
                                        Consumer<String> notices) throws SQLException {
        connection.setAutoCommit(true);
        if (tryLock(connection, key)) {
            return new AdvisoryLock(connection, key);
        }
        notices.accept("waiting for the migration lock on " + table + holder(connection, key)
                + " (up to " + describe(timeout) + ")");
        // Polled rather than waited for in pg_advisory_lock(): a waiting statement holds a snapshot, and
        // CREATE INDEX CONCURRENTLY in the run holding the lock would wait for that snapshot forever.
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            if (tryLock(connection, key)) {
                return new AdvisoryLock(connection, key);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SchemataException(ErrorCode.LOCK_TIMEOUT, "another run held the migration lock on " + table
                        + " for longer than " + describe(timeout) + holder(connection, key)
                        + "; try again later or raise --lock-timeout");
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemataException(ErrorCode.LOCK_TIMEOUT, "interrupted while waiting for the migration lock", e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_try_advisory_lock(" + key + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String holder(Connection c, long key) {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.pid, a.application_name, a.client_addr::text"
                + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database"
                + " WHERE datname = current_database()) AND ((l.classid::bigint << 32) | l.objid::bigint) = ? LIMIT 1")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return " (held by server process " + rs.getInt(1) + ", " + rs.getString(2)
                            + (rs.getString(3) == null ? "" : " from " + rs.getString(3)) + ")";
                }
            }
        } catch (SQLException ignored) {
            // who holds it is only a courtesy
        }
        return "";
    }

    private static String describe(Duration d) {
        return d.toMinutes() >= 1 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }

    /** Whether the lock's session is still alive (a server restart ends it). */
    public boolean isValid() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_catalog.pg_advisory_unlock(" + key + ")");
        } catch (SQLException ignored) {
            // closing the session releases it anyway
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
