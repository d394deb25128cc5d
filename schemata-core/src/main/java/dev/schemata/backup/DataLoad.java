package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@link DataExport} into a database that has the schema, table by table, in one transaction, and
 * reports what could not be loaded. Each table's rows go through a temporary table of text columns and are
 * cast into the columns that still exist, so a dropped column loses only its own values (reported), and a
 * changed type either converts or fails for that table alone. A table that gained a NOT NULL column
 * without a default cannot take the old rows at all.
 *
 * <p>Foreign keys and triggers are not fired while loading when the user may set
 * {@code session_replication_role}, so tables load in any order. NOT NULL, CHECK and non-deferrable
 * UNIQUE constraints are enforced row by row all the same (they are not triggers); what replica mode
 * skips — foreign keys, and deferrable unique and exclusion constraints — is checked afterwards against
 * every row. The transaction commits only when every table loaded in full and every check holds;
 * otherwise it is rolled back and the report says per table why.
 */
public final class DataLoad {
    private DataLoad() {
    }

    /**
     * What happened to one table.
     *
     * @param problem why (some of) its rows could not be loaded, or violate the schema; null when none
     * @param note    what was loaded with a loss the schema asks for (columns it no longer has); null when none
     */
    public record TableResult(String table, long exportedRows, long loadedRows, String problem, String note) {
        public boolean complete() {
            return problem == null && loadedRows == exportedRows;
        }
    }

    /**
     * @param replicationRole whether foreign keys and triggers were off while loading (and checked afterwards)
     * @param committed       whether the rows were committed: only when every table is complete
     */
    public record Report(List<TableResult> tables, boolean replicationRole, boolean committed) {
        public Report {
            tables = List.copyOf(tables);
        }

        public List<TableResult> problems() {
            return tables.stream().filter(t -> !t.complete()).toList();
        }

        public List<TableResult> notes() {
            return tables.stream().filter(t -> t.note() != null).toList();
        }

        public long loadedRows() {
            return tables.stream().mapToLong(TableResult::loadedRows).sum();
        }
    }

    private record TargetColumn(String name, String type, boolean required, boolean generated) {
    }

    /**
     * @param replace delete the rows a table holds before loading it (rows the rebuild itself inserted, such as
     *                seed data); otherwise a table that holds rows is a problem and nothing is loaded
     */
    public static Report load(Connection c, DataExport export, boolean replace) {
        try {
            c.setAutoCommit(false);
            boolean replica = replicationRole(c);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<TableResult> results = new ArrayList<>();
            if (!replica) {
                // Foreign keys fire while loading: referenced tables first, deferrable checks at the end.
                try (Statement s = c.createStatement()) {
                    s.execute("SET CONSTRAINTS ALL DEFERRED");
                }
            }
            for (DataExport.Table t : parentsFirst(c, export.tables())) {
                results.add(loadTable(c, copy, export, t, replace));
            }
            results = ConstraintCheck.check(c, results);
            boolean complete = results.stream().allMatch(TableResult::complete);
            if (complete) {
                setSequences(c, export.sequences());
                refreshMaterializedViews(c);
                c.commit();
            } else {
                c.rollback();
            }
            return new Report(results, replica, complete);
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "loading the exported data failed (nothing of it was kept): "
                    + e.getMessage(), e);
        }
    }

    /** The tables in an order where each comes after the tables it references (as exported where a cycle leaves no choice). */
    private static List<DataExport.Table> parentsFirst(Connection c, List<DataExport.Table> tables) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT cn.nspname || '.' || cl.relname,"
                + " fn.nspname || '.' || fl.relname FROM pg_catalog.pg_constraint con"
                + " JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = cl.relnamespace"
                + " JOIN pg_catalog.pg_class fl ON fl.oid = con.confrelid JOIN pg_catalog.pg_namespace fn ON fn.oid = fl.relnamespace"
                + " WHERE con.contype = 'f' AND con.conrelid <> con.confrelid")) {
            while (rs.next()) {
                references.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        Set<String> exported = new HashSet<>(tables.stream().map(t -> t.schema() + "." + t.name()).toList());
        List<DataExport.Table> pending = new ArrayList<>(tables);
        List<DataExport.Table> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (!pending.isEmpty()) {
            DataExport.Table next = pending.stream().filter(t -> references.getOrDefault(t.schema() + "." + t.name(), Set.of())
                    .stream().allMatch(r -> done.contains(r) || !exported.contains(r))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            ordered.add(next);
            done.add(next.schema() + "." + next.name());
        }
        return ordered;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back with it
        }
    }

    private static boolean replicationRole(Connection c) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            return false;
        }
    }

    private static TableResult loadTable(Connection c, CopyManager copy, DataExport export, DataExport.Table t, boolean replace)
            throws SQLException {
        String name = t.schema() + "." + t.name();
        Map<String, TargetColumn> target = targetColumns(c, t);
        if (target == null) {
            return new TableResult(name, t.rows(), 0, "the table no longer exists", null);
        }
        List<String> dropped = t.columns().stream().filter(col -> !target.containsKey(col) || target.get(col).generated()).toList();
        List<String> missingRequired = target.values().stream()
                .filter(col -> col.required() && !t.columns().contains(col.name())).map(TargetColumn::name).toList();
        if (!missingRequired.isEmpty() && t.rows() > 0) {
            return new TableResult(name, t.rows(), 0, "new NOT NULL column" + (missingRequired.size() == 1 ? " " : "s ")
                    + String.join(", ", missingRequired) + " without a default: the " + t.rows() + " rows could not be loaded", null);
        }
        List<String> kept = t.columns().stream().filter(col -> !dropped.contains(col)).toList();
        // The table's own rows, not its inheritance children's (they are loaded, or kept, as themselves);
        // a partitioned table's rows are all in its partitions.
        String own = (partitioned(c, t) ? "" : "ONLY ") + t.qualified();
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            if (replace) {
                s.execute("DELETE FROM " + own);
            } else {
                long present = rows(s, own);
                if (present > 0) {
                    c.releaseSavepoint(sp);
                    return new TableResult(name, t.rows(), 0, "already holds " + present + " rows; nothing is loaded into a"
                            + " table that has rows (--replace deletes them first)", null);
                }
            }
            long loaded = 0;
            if (t.rows() > 0 && !kept.isEmpty()) {
                s.execute("CREATE TEMPORARY TABLE schemata_load (" + String.join(", ",
                        t.columns().stream().map(col -> DataExport.quote(col) + " text").toList()) + ") ON COMMIT DROP");
                try (InputStream in = Files.newInputStream(export.dir().resolve(t.file()))) {
                    copy.copyIn("COPY schemata_load FROM STDIN", in);
                }
                String columns = String.join(", ", kept.stream().map(DataExport::quote).toList());
                String casts = String.join(", ", kept.stream().map(col -> DataExport.quote(col) + "::" + target.get(col).type()).toList());
                loaded = s.executeUpdate("INSERT INTO " + t.qualified() + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT "
                        + casts + " FROM schemata_load");
                s.execute("DROP TABLE schemata_load");
            }
            c.releaseSavepoint(sp);
            String note = dropped.isEmpty() ? null : "column" + (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped)
                    + " no longer exist" + (dropped.size() == 1 ? "s" : "") + ": " + (dropped.size() == 1 ? "its" : "their")
                    + " values were not loaded";
            return new TableResult(name, t.rows(), loaded, null, note);
        } catch (SQLException e) {
            c.rollback(sp);
            String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            return new TableResult(name, t.rows(), 0, "could not be loaded: " + message, null);
        } catch (IOException e) {
            c.rollback(sp);
            return new TableResult(name, t.rows(), 0, "could not read " + t.file() + ": " + e.getMessage(), null);
        }
    }

    private static long rows(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean partitioned(Connection c, DataExport.Table t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind = 'p' FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, t.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The table's columns now, or null when the table is gone. */
    private static Map<String, TargetColumn> targetColumns(Connection c, DataExport.Table t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '', a.attgenerated <> ''"
                + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass(?)"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, t.qualified());
            Map<String, TargetColumn> columns = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new TargetColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
            return columns.isEmpty() ? null : columns;
        }
    }

    /**
     * The rebuild populated its materialized views from empty tables: refreshed from the loaded rows, in the
     * order they were created (one built on another comes after it). Views created WITH NO DATA stay so.
     */
    private static void refreshMaterializedViews(Connection c) throws SQLException {
        List<String> views = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.quote_ident(n.nspname) || '.'"
                + " || pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'm' AND c.relispopulated ORDER BY c.oid")) {
            while (rs.next()) {
                views.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String view : views) {
                s.execute("REFRESH MATERIALIZED VIEW " + view);
            }
        }
    }

    private static void setSequences(Connection c, Map<String, Long> sequences) throws SQLException {
        for (Map.Entry<String, Long> e : sequences.entrySet()) {
            Savepoint sp = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.setval(pg_catalog.to_regclass(?), ?)"
                    + " WHERE pg_catalog.to_regclass(?) IS NOT NULL")) {
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.setString(3, e.getKey());
                ps.executeQuery().close();
                c.releaseSavepoint(sp);
            } catch (SQLException ex) {
                c.rollback(sp); // a sequence whose bounds changed keeps its new start
            }
        }
    }
}
