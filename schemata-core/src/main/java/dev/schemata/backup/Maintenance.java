package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A connection to the server's maintenance database ({@code postgres}, else {@code template1}), for what
 * cannot be done from inside the database it concerns: creating, dropping and renaming databases.
 */
public final class Maintenance implements AutoCloseable {
    private final Connection connection;
    private final ConnectionSettings target;

    private Maintenance(Connection connection, ConnectionSettings target) {
        this.connection = connection;
        this.target = target;
    }

    /** Connects to the maintenance database of {@code target}'s server, as {@code target}'s user. */
    public static Maintenance connect(ConnectionSettings target) {
        SchemataException first = null;
        for (String db : new String[]{"postgres", "template1"}) {
            try {
                Connection c = Database.connect(target.withDatabase(db));
                c.setAutoCommit(true);
                return new Maintenance(c, target);
            } catch (SchemataException e) {
                if (e.code() != ErrorCode.CONNECTION_FAILED) {
                    throw e;
                }
                first = first == null ? e : first;
            } catch (SQLException e) {
                throw new SchemataException(ErrorCode.CONNECTION_FAILED, e.getMessage(), e);
            }
        }
        throw new SchemataException(ErrorCode.CONNECTION_FAILED, "cannot reach the maintenance database (postgres or"
                + " template1) of " + target.maskedUrl() + ", needed to create and drop databases: " + first.getMessage(), first);
    }

    public int major() throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion();
    }

    public boolean exists(String database) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The owner of a database, if it exists. */
    public Optional<String> owner(String database) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Creates an empty database from template0 (so nothing of template1 leaks into a restore). */
    public void createDatabase(String name, String owner) throws SQLException {
        createDatabase(name, owner, true);
    }

    /** @param pristine template0 when true, else the server's default template (with what it holds, e.g. extensions) */
    public void createDatabase(String name, String owner, boolean pristine) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE DATABASE " + quote(name) + (pristine ? " TEMPLATE template0" : "")
                    + (owner == null ? "" : " OWNER " + quote(owner)));
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "user \"" + target.user() + "\" may not create databases"
                        + " on " + target.maskedUrl() + " (needed for " + name + "); grant it CREATEDB or use a user that has it", e);
            }
            throw e;
        }
    }

    /** Drops a database, ending its sessions first. */
    public void dropDatabase(String name) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        }
    }

    public void renameDatabase(String from, String to) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER DATABASE " + quote(from) + " RENAME TO " + quote(to));
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
