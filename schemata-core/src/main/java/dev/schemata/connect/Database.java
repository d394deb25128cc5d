package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.postgresql.Driver;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens JDBC connections and turns the driver's failures into messages a user can act on: a wrong
 * password, an unreachable host and a missing database each say so, with the masked URL.
 */
public final class Database {
    private static final Driver DRIVER = new Driver();

    private Database() {
    }

    public static Connection connect(ConnectionSettings settings) {
        try {
            Connection connection = DRIVER.connect(settings.jdbcUrl(), settings.jdbcProperties());
            if (connection == null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "the driver did not accept " + settings.maskedUrl());
            }
            return connection;
        } catch (SQLException e) {
            throw connectionFailure(settings, e);
        }
    }

    /**
     * Sends one statement of a script as psql would: as written (no JDBC escape processing), and a
     * {@code COPY … FROM stdin} with its data through the COPY protocol.
     *
     * @param copyData the data lines of a {@code COPY … FROM stdin}, else null
     */
    public static void send(Connection c, String sql, String copyData) throws SQLException {
        if (copyData != null) {
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(copyData));
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), "58030", e);
            }
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
        }
    }

    /** True for SQLSTATEs that mean the connection (not the statement) failed. */
    public static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    public static SchemataException connectionFailure(ConnectionSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = settings.maskedUrl() + " (from " + settings.source() + ")";
        String message;
        if (settings.password() == null && String.valueOf(e.getMessage()).contains("no password was provided")) {
            message = "the server asks for a password for user \"" + settings.user() + "\" at " + where
                    + ", and none was given. Give it in PGPASSWORD, ~/.pgpass (or PGPASSFILE; the file must be"
                    + " private to its owner, mode 0600) or the URL.";
        } else if (state.startsWith("28")) {
            message = "authentication failed for user \"" + settings.user() + "\" at " + where + ": "
                    + serverText(e) + ". Check the password (URL, PGPASSWORD or ~/.pgpass).";
        } else if (state.equals("3D000")) {
            message = "database \"" + settings.database() + "\" does not exist at " + where + ".";
        } else {
            message = "cannot connect to " + where + ": " + serverText(e) + ".";
        }
        return new SchemataException(ErrorCode.CONNECTION_FAILED, Redactor.maskUrls(message), e);
    }

    private static String serverText(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        text = text.replaceFirst("^FATAL: ", "");
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
