package dev.schemata.monitor;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monitoring reports, one catalog query each (kept as resource files beside this class): table sizes,
 * index use, the slowest statements and lock waits. Every query reads the current database only and skips
 * the system schemas.
 */
public final class Monitor {
    private final Connection connection;

    public Monitor(Connection connection) {
        this.connection = connection;
    }

    /** Tables, partitioned tables and materialized views with their parts, largest first. */
    public List<TableSize> sizes() {
        List<TableSize> out = new ArrayList<>();
        query("sizes.sql", rs -> {
            List<TableSize.IndexSize> indexes = new ArrayList<>();
            Object parsed = Json.parse(rs.getString("indexes"));
            for (Object item : (List<?>) parsed) {
                Map<?, ?> m = (Map<?, ?>) item;
                indexes.add(new TableSize.IndexSize((String) m.get("name"), ((Number) m.get("bytes")).longValue()));
            }
            out.add(new TableSize(rs.getString("table_name"), rs.getString("kind"), rs.getLong("total_bytes"),
                    rs.getLong("heap_bytes"), rs.getLong("toast_bytes"), rs.getLong("index_bytes"),
                    (Long) rs.getObject("row_estimate"), indexes));
        });
        return out;
    }

    // ---------------------------------------------------------------- helpers

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String resource, RowReader reader) {
        String sql = sql(resource);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading " + resource.replace(".sql", "") + " failed: "
                    + e.getMessage(), e);
        }
    }

    static String sql(String resource) {
        try (InputStream in = Monitor.class.getResourceAsStream("sql/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing query resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
