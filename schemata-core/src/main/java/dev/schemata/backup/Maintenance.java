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

    /**
     * A free name for a database built beside {@code database} before it takes its place, e.g.
     * {@code orders_restoring_1a2b3c4d} (database names are at most 63 bytes, so the base is shortened).
     */
    public static String stagingName(String database, String purpose) {
        String base = database.length() > 30 ? database.substring(0, 30) : database;
        return base + "_" + purpose + "_" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Puts the complete database {@code staging} in the place of {@code target}: drops {@code target} when it
     * exists, then renames. Called only once {@code staging} is checked, so a failed build never costs the
     * database it was meant to replace.
     *
     * @param built what {@code staging} holds, for the message when the rename fails
     */
    public void replace(String target, String staging, boolean exists, String built) throws SQLException {
        if (exists) {
            dropDatabase(target);
        }
        try {
            renameDatabase(staging, target);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, built + " into database \"" + staging
                    + "\", but renaming it to \"" + target + "\" failed: " + e.getMessage()
                    + ". Rename it yourself: ALTER DATABASE \"" + staging + "\" RENAME TO \"" + target + "\"", e);
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
