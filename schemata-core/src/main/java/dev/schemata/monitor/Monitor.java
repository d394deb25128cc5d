package dev.schemata.monitor;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        return sizes(true);
    }

    /** The same without each index's size (the tables' index totals are there): cheaper on many tables. */
    public List<TableSize> tableSizes() {
        return sizes(false);
    }

    private List<TableSize> sizes(boolean eachIndex) {
        List<TableSize> out = new ArrayList<>();
        query("sizes.sql", List.of(eachIndex), rs -> {
            List<TableSize.IndexSize> indexes = new ArrayList<>();
            if (eachIndex) {
                for (Object item : (List<?>) Json.parse(rs.getString("indexes"))) {
                    Map<?, ?> m = (Map<?, ?>) item;
                    indexes.add(new TableSize.IndexSize((String) m.get("name"), ((Number) m.get("bytes")).longValue()));
                }
            }
            out.add(new TableSize(rs.getString("table_name"), rs.getString("kind"), rs.getLong("total_bytes"),
                    rs.getLong("heap_bytes"), rs.getLong("toast_bytes"), rs.getLong("index_bytes"),
                    (Long) rs.getObject("row_estimate"), indexes));
        });
        return out;
    }

    /** Every index with its scans, size, validity and duplicates, least used first. */
    public IndexReport indexes() {
        List<String[]> shapes = new ArrayList<>();
        List<IndexUsage> raw = new ArrayList<>();
        String[] since = {null};
        query("indexes.sql", rs -> {
            raw.add(new IndexUsage(rs.getString("table_name"), rs.getString("index_name"), rs.getLong("scans"),
                    rs.getLong("bytes"), rs.getBoolean("is_unique") || rs.getBoolean("is_primary") || rs.getBoolean("backs_constraint"),
                    rs.getBoolean("is_valid"), rs.getString("definition"), null));
            shapes.add(new String[]{rs.getString("shape"), rs.getString("index_name")});
            since[0] = rs.getString("stats_since");
        });
        List<IndexUsage> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String twin = null;
            for (int j = 0; j < raw.size(); j++) {
                if (j != i && raw.get(i).valid() && raw.get(j).valid() && shapes.get(j)[0].equals(shapes.get(i)[0])) {
                    twin = shapes.get(j)[1];
                    break;
                }
            }
            IndexUsage u = raw.get(i);
            out.add(new IndexUsage(u.table(), u.index(), u.scans(), u.bytes(), u.enforces(), u.valid(), u.definition(), twin));
        }
        return new IndexReport(out, since[0]);
    }

    /**
     * The slowest statements by mean and by total time, at most {@code limit} of each, among those the role
     * may see; the statements of other roles hidden from it are counted.
     *
     * @throws SchemataException saying exactly how to enable {@code pg_stat_statements} when it is not
     */
    public SlowQueries slowQueries(int limit) {
        if (limit < 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--limit must be >= 1, got " + limit);
        }
        Access access = statementsAccess();
        List<SlowQuery> out = new ArrayList<>();
        long hidden;
        String sql = String.format(sql("queries.sql"), access.schema(), limit);
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(new SlowQuery(rs.getString("query_id"), rs.getString("query"), rs.getLong("calls"),
                            rs.getDouble("total_exec_time"), rs.getDouble("mean_exec_time"), rs.getDouble("max_exec_time"),
                            rs.getLong("rows"), rs.getString("role_name"), rs.getInt("mean_rank"), rs.getInt("total_rank")));
                }
            }
            try (ResultSet rs = s.executeQuery(String.format(sql("queries-hidden.sql"), access.schema()))) {
                rs.next();
                hidden = rs.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("shared_preload_libraries")) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, notPreloaded(), e);
            }
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading pg_stat_statements failed: " + e.getMessage(), e);
        }
        return new SlowQueries(out, access.role(), access.readsAllStatistics(), hidden);
    }

    /** Where pg_stat_statements is, and what the role may read. */
    private record Access(String schema, String role, boolean readsAllStatistics) {
    }

    /**
     * The quoted schema of the pg_stat_statements extension, or the reason it cannot be read. Reads only
     * what any role may read: {@code current_setting('shared_preload_libraries')} is refused to roles
     * without {@code pg_read_all_settings}, whereas {@code pg_settings} just leaves the row out for them.
     */
    private Access statementsAccess() {
        String preload;
        String schema;
        String database;
        String role;
        boolean allStatistics;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT setting FROM pg_catalog.pg_settings WHERE name = 'shared_preload_libraries'),"
                        + " pg_catalog.current_database(), current_user,"
                        + " pg_catalog.pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'),"
                        + " (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements')")) {
            rs.next();
            preload = rs.getString(1);
            database = rs.getString(2);
            role = rs.getString(3);
            allStatistics = rs.getBoolean(4);
            schema = rs.getString(5);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading the server settings failed: " + e.getMessage(), e);
        }
        // Null when the role may not read the setting: then the view itself says whether it is loaded.
        Boolean preloaded = preload == null ? null : java.util.Arrays.stream(preload.split(",")).map(String::strip)
                .anyMatch(l -> l.equals("pg_stat_statements") || l.equals("\"pg_stat_statements\""));
        if (schema == null) {
            String steps = Boolean.TRUE.equals(preloaded) ? ""
                    : preloaded == null ? "If the server does not load it yet (role \"" + role + "\" may not read"
                    + " shared_preload_libraries to tell; pg_read_all_settings may): " + notPreloadedSteps() + " Then "
                    : notPreloadedSteps() + " Then ";
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "pg_stat_statements is not installed in database \""
                    + database + "\". " + steps + (steps.isEmpty() ? "Run" : "run") + " `CREATE EXTENSION pg_stat_statements;` in \""
                    + database + "\" (as a superuser or the database owner), let the application run, and ask again.");
        }
        if (Boolean.FALSE.equals(preloaded)) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, notPreloaded());
        }
        return new Access(schema, role, allStatistics);
    }

    private static String notPreloaded() {
        return "pg_stat_statements is installed but not loaded by the server, so it records nothing. "
                + notPreloadedSteps();
    }

    private static String notPreloadedSteps() {
        return "Add it to shared_preload_libraries (`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';`"
                + " as a superuser, keeping any libraries already listed there, or edit postgresql.conf; on a managed"
                + " service set the parameter in its console) and restart the server.";
    }

    /** Sessions waiting for a lock, longest wait first, with the sessions blocking each. */
    public List<LockWait> lockWaits() {
        List<LockWait> out = new ArrayList<>();
        query("locks.sql", rs -> {
            List<LockWait.Blocker> blockers = new ArrayList<>();
            for (Object item : (List<?>) Json.parse(rs.getString("blockers"))) {
                Map<?, ?> m = (Map<?, ?>) item;
                blockers.add(new LockWait.Blocker(((Number) m.get("pid")).longValue(), (String) m.get("user"),
                        (String) m.get("application"), (String) m.get("state"), (String) m.get("query"),
                        m.get("transactionMs") == null ? null : ((Number) m.get("transactionMs")).longValue()));
            }
            out.add(new LockWait(rs.getLong("pid"), rs.getString("user_name"), rs.getString("application_name"),
                    rs.getString("database"), rs.getString("query"), rs.getString("lock_type"), rs.getString("mode"),
                    rs.getString("object"), Math.round(rs.getDouble("waiting_ms")), blockers));
        });
        return out;
    }

    // ---------------------------------------------------------------- helpers

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String resource, RowReader reader) {
        query(resource, List.of(), reader);
    }

    private void query(String resource, List<Object> parameters, RowReader reader) {
        String sql = sql(resource);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
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
