package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * What stops this user from creating a database (with {@code owner}, when not null) and, when
     * {@code replacing}, from dropping {@code database} with the sessions connected to it; empty when nothing
     * does. Checked before a restore loads anything, so that it does not fail at the end.
     */
    public List<String> missingRightsToReplace(String database, String owner, boolean replacing) throws SQLException {
        List<String> missing = new ArrayList<>();
        boolean superuser;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreatedb"
                + " FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            rs.next();
            superuser = rs.getBoolean(1);
            if (!superuser && !rs.getBoolean(2)) {
                missing.add("user \"" + target.user() + "\" may not create databases (it needs CREATEDB)");
            }
        }
        if (superuser) {
            return missing;
        }
        if (owner != null && !isMember(owner)) {
            missing.add("\"" + database + "\" belongs to \"" + owner + "\" and user \"" + target.user() + "\" is not a member"
                    + " of that role: only its owner or a superuser may drop it, and the restored database is to belong to the same owner");
        }
        if (!replacing) {
            return missing;
        }
        boolean signal = isMember("pg_signal_backend");
        try (var ps = connection.prepareStatement("SELECT a.pid, a.usename, r.rolsuper, a.application_name"
                + " FROM pg_catalog.pg_stat_activity a JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid"
                + " WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid() ORDER BY a.pid")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String session = "session " + rs.getLong(1) + " of \"" + rs.getString(2) + "\""
                            + (rs.getString(4) == null || rs.getString(4).isEmpty() ? "" : " (" + rs.getString(4) + ")");
                    if (rs.getBoolean(3)) {
                        missing.add(session + " is connected to \"" + database + "\" and only a superuser may end a superuser's session");
                    } else if (!signal && !isMember(rs.getString(2))) {
                        missing.add(session + " is connected to \"" + database + "\" and user \"" + target.user()
                                + "\" may not end it (it needs membership in that role or in pg_signal_backend)");
                    }
                }
            }
        }
        try (var ps = connection.prepareStatement("SELECT count(*) FROM pg_catalog.pg_prepared_xacts WHERE database = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    missing.add(rs.getLong(1) + " prepared transaction(s) hold \"" + database + "\" (COMMIT or ROLLBACK PREPARED first)");
                }
            }
        }
        return missing;
    }

    /** Why this user cannot create {@code extension} in a database it owns; empty when it can. */
    public Optional<String> whyNotCreatable(String extension) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT r.rolsuper, v.name IS NOT NULL, v.superuser, v.trusted"
                + " FROM pg_catalog.pg_roles r LEFT JOIN (pg_catalog.pg_available_extensions e JOIN"
                + " pg_catalog.pg_available_extension_versions v ON v.name = e.name AND v.version = e.default_version)"
                + " ON e.name = ? WHERE r.rolname = current_user")) {
            ps.setString(1, extension);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.empty();
                }
                if (!rs.getBoolean(2)) {
                    return Optional.of("it is not installed on this server");
                }
                return rs.getBoolean(3) && !rs.getBoolean(4)
                        ? Optional.of("only a superuser may create it, and user \"" + target.user() + "\" is not one")
                        : Optional.empty();
            }
        }
    }

    /** Databases whose names start with {@code prefix} (a literal, not a pattern). */
    public List<String> databasesStartingWith(String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var ps = connection.prepareStatement("SELECT datname FROM pg_catalog.pg_database"
                + " WHERE pg_catalog.starts_with(datname, ?) ORDER BY datname")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Whether this user may act as {@code role} (a superuser may act as any). */
    public boolean canBecome(String role) throws SQLException {
        return isMember(role);
    }

    public boolean roleExists(String role) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean isMember(String role) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles"
                + " WHERE rolname = ?) THEN pg_catalog.pg_has_role(current_user, ?, 'MEMBER') ELSE false END")) {
            ps.setString(1, role);
            ps.setString(2, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
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
     * {@code orders_restoring_1a2b3c4d}.
     */
    public static String stagingName(String database, String purpose) {
        return stagingPrefix(database, purpose) + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * {@code <database>_<purpose>_}, the database's name cut on a character boundary so that the whole staging name
     * fits PostgreSQL's 63 bytes (a longer name would be cut short by the server, and then not be ours).
     */
    static String stagingPrefix(String database, String purpose) {
        String suffix = "_" + purpose + "_";
        StringBuilder name = new StringBuilder();
        int budget = 63 - suffix.length() - 8;
        for (int i = 0; i < database.length(); ) {
            int cp = database.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (budget < bytes) {
                break;
            }
            budget -= bytes;
            name.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return name + suffix;
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
        moveInto(staging, target, built);
    }

    /** Renames {@code staging} to {@code target}; when that fails, the error says where the work is and how to finish. */
    public void moveInto(String staging, String target, String built) {
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
