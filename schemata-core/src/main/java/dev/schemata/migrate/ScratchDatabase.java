package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A throwaway database on the same server as a target: created empty from {@code template0} with the
 * target's encoding and locale, dropped (forcibly, ending any session left in it) on {@link #close()}.
 * Creating one needs the {@code CREATEDB} privilege.
 */
public final class ScratchDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectionSettings server;
    private final String name;

    private ScratchDatabase(ConnectionSettings server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates {@code schemata_scratch_<random>} on the server of {@code target}. */
    public static ScratchDatabase create(ConnectionSettings target) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        ScratchDatabase scratch = new ScratchDatabase(target, "schemata_scratch_" + HexFormat.of().formatHex(suffix));
        scratch.createDatabase();
        return scratch;
    }

    public String name() {
        return name;
    }

    public ConnectionSettings settings() {
        return server.withDatabase(name).withSource("the throwaway database " + name);
    }

    /** Drops and creates the database again: empty, as new. */
    public void recreate() {
        dropDatabase();
        createDatabase();
    }

    private void createDatabase() {
        try (Connection c = Database.connect(server); Statement s = c.createStatement()) {
            String options = "";
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_encoding_to_char(encoding), datcollate, datctype"
                    + " FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()")) {
                if (rs.next()) {
                    options = " ENCODING " + literal(rs.getString(1)) + " LC_COLLATE " + literal(rs.getString(2))
                            + " LC_CTYPE " + literal(rs.getString(3));
                }
            }
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0" + options);
        } catch (SQLException e) {
            String hint = "42501".equals(e.getSQLState())
                    ? "; the user needs the CREATEDB privilege (or use a server where it has it, such as the dev database)" : "";
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create a throwaway database on "
                    + server.maskedUrl() + ": " + e.getMessage() + hint, e);
        }
    }

    private void dropDatabase() {
        try (Connection c = Database.connect(server); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot drop the throwaway database " + name + " on "
                    + server.maskedUrl() + ": " + e.getMessage() + "; drop it by hand", e);
        }
    }

    @Override
    public void close() {
        dropDatabase();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
