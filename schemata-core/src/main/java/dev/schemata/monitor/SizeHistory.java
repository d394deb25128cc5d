package dev.schemata.monitor;

import dev.schemata.history.HistoryTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Table sizes before and after each migrate run, kept in a side table beside the history table
 * ({@code <history table>_sizes}, e.g. {@code public.schema_migrations_sizes}), keyed by the id of the
 * first history row the run wrote. {@code status --sizes} reads the latest run back.
 */
public final class SizeHistory {
    private final HistoryTable history;

    public SizeHistory(HistoryTable history) {
        this.history = history;
    }

    /** The side table. */
    public HistoryTable table() {
        return history.sizesTable();
    }

    /** One table's change over a run; a null side means the table did not exist then. */
    public record Change(String table, Long beforeBytes, Long afterBytes, Long beforeRows, Long afterRows) {
        public long deltaBytes() {
            return (afterBytes == null ? 0 : afterBytes) - (beforeBytes == null ? 0 : beforeBytes);
        }
    }

    /**
     * A run's sizes.
     *
     * @param historyId the first history row the run wrote
     * @param versions  the versions applied in the run, in order
     */
    public record Run(long historyId, List<String> versions, Instant capturedAt, List<Change> changes) {
    }

    /** The highest id in the history table now (0 when it is empty or missing): rows above it belong to a later run. */
    public long lastHistoryId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            ps.setString(1, history.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(max(id), 0) FROM " + history.sql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Stores a run's sizes under the first history row written after {@code lastIdBefore}: those before, as
     * read then, and those now, which the server reads in the statement that stores them.
     */
    public void record(Connection c, long lastIdBefore, List<TableSize> before) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table().sql() + " ("
                    + "history_id bigint NOT NULL, phase text NOT NULL CHECK (phase IN ('before', 'after')),"
                    + " captured_at timestamptz NOT NULL DEFAULT now(), table_name text NOT NULL,"
                    + " total_bytes bigint NOT NULL, heap_bytes bigint NOT NULL, toast_bytes bigint NOT NULL,"
                    + " index_bytes bigint NOT NULL, row_estimate bigint, PRIMARY KEY (history_id, phase, table_name))");
        }
        String columns = "table_name, total_bytes, heap_bytes, toast_bytes, index_bytes, row_estimate";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table().sql() + " (history_id, phase, " + columns + ")"
                + " SELECT r.id, s.phase, s." + columns.replace(", ", ", s.")
                + " FROM (SELECT min(id) AS id FROM " + history.sql() + " WHERE id > ?) AS r,"
                + " (SELECT 'before' AS phase, b.* FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[],"
                + " ?::bigint[], ?::bigint[]) AS b(" + columns + ")"
                + " UNION ALL SELECT 'after', a." + columns.replace(", ", ", a.") + " FROM (" + Monitor.sql("sizes.sql")
                + "\n) AS a) AS s"
                + " WHERE r.id IS NOT NULL AND pg_catalog.replace(s.table_name, '\"', '') <> ? ON CONFLICT DO NOTHING")) {
            int n = before.size();
            String[] names = new String[n];
            Long[][] numbers = new Long[5][n];
            for (int i = 0; i < n; i++) {
                TableSize t = before.get(i);
                names[i] = t.table();
                numbers[0][i] = t.totalBytes();
                numbers[1][i] = t.heapBytes();
                numbers[2][i] = t.toastBytes();
                numbers[3][i] = t.indexBytes();
                numbers[4][i] = t.rowEstimate();
            }
            ps.setLong(1, lastIdBefore);
            ps.setArray(2, c.createArrayOf("text", names));
            for (int i = 0; i < numbers.length; i++) {
                ps.setArray(3 + i, c.createArrayOf("bigint", numbers[i]));
            }
            ps.setBoolean(8, false);
            ps.setString(9, table().schema() + "." + table().name());
            ps.executeUpdate();
        }
    }

    /** The latest run with recorded sizes, if any. */
    public Optional<Run> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table().sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        long runId;
        Instant at;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT history_id, max(captured_at) FROM "
                + table().sql() + " GROUP BY history_id ORDER BY history_id DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            runId = rs.getLong(1);
            at = rs.getTimestamp(2).toInstant();
        }
        Map<String, Long[]> values = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, phase, total_bytes, row_estimate FROM " + table().sql()
                + " WHERE history_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] v = values.computeIfAbsent(rs.getString(1), k -> new Long[4]);
                    int offset = rs.getString(2).equals("before") ? 0 : 1;
                    v[offset] = rs.getLong(3);
                    v[2 + offset] = (Long) rs.getObject(4);
                }
            }
        }
        List<String> versions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(version, description) FROM " + history.sql()
                + " WHERE id >= ? AND id < COALESCE((SELECT min(history_id) FROM " + table().sql() + " WHERE history_id > ?),"
                + " 9223372036854775807) ORDER BY id")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (String table : new TreeSet<>(values.keySet())) {
            Long[] v = values.get(table);
            changes.add(new Change(table, v[0], v[1], v[2], v[3]));
        }
        changes.sort((a, b) -> Long.compare(Math.abs(b.deltaBytes()), Math.abs(a.deltaBytes())));
        return Optional.of(new Run(runId, versions, at, changes));
    }
}
