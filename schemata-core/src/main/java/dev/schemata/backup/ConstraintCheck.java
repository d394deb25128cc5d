package dev.schemata.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a load with triggers off: checks against every row what the server did not check while loading.
 * Each foreign key is checked with a query that counts the rows without a referenced row (as the server's
 * own check would, MATCH SIMPLE or FULL); each deferrable unique, primary key or exclusion constraint by
 * rebuilding its index, which fails on a duplicate. Violations are added to the report of the table
 * that holds the rows.
 */
final class ConstraintCheck {
    private ConstraintCheck() {
    }

    private static final String FOREIGN_KEYS = """
            SELECT con.conname, pg_catalog.format('%I.%I', cn.nspname, cl.relname), cl.relkind::text,
                   pg_catalog.format('%I.%I', fn.nspname, fl.relname), fl.relkind::text, con.confmatchtype::text,
                   ARRAY(SELECT pg_catalog.quote_ident(a.attname) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   ARRAY(SELECT pg_catalog.quote_ident(a.attname) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i),
                   cn.nspname || '.' || cl.relname, fn.nspname || '.' || fl.relname
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = cl.relnamespace
            JOIN pg_catalog.pg_class fl ON fl.oid = con.confrelid JOIN pg_catalog.pg_namespace fn ON fn.oid = fl.relnamespace
            WHERE con.contype = 'f' AND con.conparentid = 0
              AND cn.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 2, 1""";

    private static final String DEFERRABLE_INDEXES = """
            SELECT con.conname, pg_catalog.format('%I.%I', n.nspname, i.relname), n.nspname || '.' || cl.relname
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class i ON i.oid = con.conindid
            JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
            WHERE con.contype IN ('u', 'p', 'x') AND con.condeferrable AND i.relkind = 'i'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 3, 1""";

    /** {@code results} with the violations found added to their tables (a table not among them gets its own row). */
    static List<DataLoad.TableResult> check(Connection c, List<DataLoad.TableResult> results) throws SQLException {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            List<ForeignKey> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(FOREIGN_KEYS)) {
                while (rs.next()) {
                    keys.add(new ForeignKey(rs.getString(1), rs.getString(2), "p".equals(rs.getString(3)), rs.getString(4),
                            "p".equals(rs.getString(5)), "f".equals(rs.getString(6)), List.of((String[]) rs.getArray(7).getArray()),
                            List.of((String[]) rs.getArray(8).getArray()), rs.getString(9), rs.getString(10)));
                }
            }
            for (ForeignKey k : keys) {
                long orphans = orphans(s, k);
                if (orphans > 0) {
                    violations.computeIfAbsent(k.tableName(), x -> new ArrayList<>()).add(orphans + " row" + (orphans == 1 ? "" : "s")
                            + " reference" + (orphans == 1 ? "s" : "") + " rows of " + k.referencedName() + " that are not there"
                            + " (foreign key " + k.name() + ")");
                }
            }
            List<DeferrableIndex> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(DEFERRABLE_INDEXES)) {
                while (rs.next()) {
                    indexes.add(new DeferrableIndex(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            for (DeferrableIndex i : indexes) {
                Savepoint sp = c.setSavepoint();
                try {
                    s.execute("REINDEX INDEX " + i.index());
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    c.rollback(sp);
                    String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
                    violations.computeIfAbsent(i.tableName(), x -> new ArrayList<>())
                            .add("constraint " + i.constraint() + " does not hold: " + message);
                }
            }
        }
        if (violations.isEmpty()) {
            return results;
        }
        List<DataLoad.TableResult> checked = new ArrayList<>();
        for (DataLoad.TableResult t : results) {
            List<String> found = violations.remove(t.table());
            if (found == null) {
                checked.add(t);
            } else {
                String problem = (t.problem() == null ? "" : t.problem() + "; ") + String.join("; ", found);
                checked.add(new DataLoad.TableResult(t.table(), t.exportedRows(), t.loadedRows(), problem, t.note()));
            }
        }
        violations.forEach((table, found) -> checked.add(new DataLoad.TableResult(table, 0, 0, String.join("; ", found), null)));
        return checked;
    }

    /**
     * A foreign key as the checking query needs it: quoted names for SQL, unquoted {@code schema.name} for the
     * report; {@code partitioned} tables are read with their partitions.
     */
    private record ForeignKey(String name, String table, boolean partitioned, String referenced, boolean referencedPartitioned,
                              boolean matchFull, List<String> columns, List<String> referencedColumns, String tableName,
                              String referencedName) {
    }

    /** A deferrable constraint's index (quoted) and its table (unquoted {@code schema.name}, for the report). */
    private record DeferrableIndex(String constraint, String index, String tableName) {
    }

    /** Rows of the referencing table whose key is complete (MATCH SIMPLE: no null; FULL: not all null) and has no match. */
    private static long orphans(Statement s, ForeignKey k) throws SQLException {
        List<String> notNull = new ArrayList<>();
        List<String> isNull = new ArrayList<>();
        List<String> match = new ArrayList<>();
        for (int i = 0; i < k.columns().size(); i++) {
            notNull.add("c." + k.columns().get(i) + " IS NOT NULL");
            isNull.add("c." + k.columns().get(i) + " IS NULL");
            match.add("p." + k.referencedColumns().get(i) + " = c." + k.columns().get(i));
        }
        String missing = "NOT EXISTS (SELECT 1 FROM " + only(k.referencedPartitioned()) + k.referenced() + " p WHERE "
                + String.join(" AND ", match) + ")";
        String where = k.matchFull()
                ? "(" + String.join(" OR ", notNull) + ") AND (" + String.join(" OR ", isNull) + " OR " + missing + ")"
                : String.join(" AND ", notNull) + " AND " + missing;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + only(k.partitioned()) + k.table() + " c WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As the server's own check: a plain table alone, a partitioned one with its partitions. */
    private static String only(boolean partitioned) {
        return partitioned ? "" : "ONLY ";
    }
}
