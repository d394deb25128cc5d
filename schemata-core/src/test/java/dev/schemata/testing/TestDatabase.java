package dev.schemata.testing;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fresh, empty database of the test run's cluster, handed to one test. */
public record TestDatabase(TestCluster cluster, ConnectionSettings settings) {

    public String name() {
        return settings.database();
    }

    /** A {@code postgresql://} URL with the server's password, as a user would pass to {@code --url}. */
    public String url() {
        return settings.urlWithPassword();
    }

    /** The URL as commands show it, the password masked. */
    public String maskedUrl() {
        return settings.maskedUrl();
    }

    public Connection connect() {
        return Database.connect(settings);
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query as maps of column name to value, in order. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object value(String sql) {
        List<Map<String, Object>> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** Names of the tables in the public schema, sorted. */
    public List<String> tables() {
        return query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").stream()
                .map(r -> (String) r.get("tablename")).toList();
    }
}
