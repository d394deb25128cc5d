package dev.schemata.fleet;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection per worker thread and database, for read-only commands over many tenant schemas of one
 * database: a new connection costs far more than reading one history table, so each worker keeps its
 * connection from tenant to tenant. A connection is used by its own thread only; one that fails is dropped
 * and the next target opens a new one. Closing closes them all.
 */
public final class SharedConnections implements AutoCloseable {
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    /** The calling thread's connection to the target's database (user and password included in the key). */
    public Connection get(Target target) throws SQLException {
        String key = key(target);
        Connection c = open.get(key);
        if (c == null || c.isClosed()) {
            c = ConnectionFactory.of(target.database()).open();
            open.put(key, c);
        }
        return c;
    }

    /** Drops the calling thread's connection to the target's database after a failure on it. */
    public void discard(Target target, SQLException cause) {
        if (!Database.isConnectionFailure(cause)) {
            return;
        }
        Connection c = open.remove(key(target));
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already broken: nothing more to release.
            }
        }
    }

    private static String key(Target target) {
        return Thread.currentThread().getId() + " " + target.database().user() + "@" + target.server() + "/"
                + target.database().database();
    }

    @Override
    public void close() {
        for (Connection c : List.copyOf(open.values())) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing at the end of a read-only run: nothing was left to commit.
            }
        }
        open.clear();
    }
}
