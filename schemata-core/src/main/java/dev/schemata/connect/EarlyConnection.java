package dev.schemata.connect;

import dev.schemata.concurrent.Background;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection factory whose first connection starts opening at once, on a thread of its own, so that
 * the caller's other start-up work (reading a directory of migrations, say) overlaps with loading the
 * driver and the round trips of connecting. Later connections open as usual.
 *
 * <p>A failure to connect is kept and thrown, unchanged, by the first {@link #open()}: the caller's own
 * checks still come first. {@link #close()} closes the early connection if nobody took it.
 */
public final class EarlyConnection implements ConnectionFactory, AutoCloseable {
    private final ConnectionFactory factory;
    private final Object lock = new Object();
    private boolean claimed;
    private boolean abandoned;
    private Connection opened;
    private final Background<Connection> first;

    private EarlyConnection(ConnectionFactory factory) {
        this.factory = factory;
        // Last: the thread starts with everything above in place (Thread.start orders it).
        this.first = Background.start("schemata-connect", this::openFirst);
    }

    /** Starts opening the first connection of {@code factory}. */
    public static EarlyConnection start(ConnectionFactory factory) {
        return new EarlyConnection(factory);
    }

    @Override
    public Connection open() throws SQLException {
        boolean first;
        synchronized (lock) {
            first = !claimed;
            claimed = true;
        }
        return first ? await() : factory.open();
    }

    @Override
    public String describe() {
        return factory.describe();
    }

    /**
     * Closes the early connection unless it was handed out. Does not wait: one still opening is closed
     * as soon as it is open.
     */
    @Override
    public void close() {
        Connection unused;
        synchronized (lock) {
            if (claimed) {
                return;
            }
            claimed = true;
            abandoned = true;
            unused = opened;
        }
        closeQuietly(unused);
    }

    private Connection openFirst() throws SQLException {
        Connection connection = factory.open();
        synchronized (lock) {
            if (!abandoned) {
                opened = connection;
                return connection;
            }
        }
        closeQuietly(connection);
        return null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Never used: a failure to close it concerns nobody.
        }
    }

    private Connection await() throws SQLException {
        try {
            return first.join();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
