package dev.schemata.fleet;

import dev.schemata.connect.ConnectionFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Connections whose {@code search_path} is the tenant's schema alone, so that the tenant's migrations create
 * and find unqualified objects there and nowhere else. Set as the session's value, so it holds for every
 * transaction on the connection; a migration that sets {@code search_path} itself is its author's choice.
 */
final class TenantConnections implements ConnectionFactory {
    private final ConnectionFactory plain;
    private final String schema;

    TenantConnections(ConnectionFactory plain, String schema) {
        this.plain = plain;
        this.schema = schema;
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = plain.open();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.set_config('search_path', pg_catalog.quote_ident(?), false)")) {
            ps.setString(1, schema);
            ps.execute();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return plain.describe() + " schema " + schema;
    }
}
