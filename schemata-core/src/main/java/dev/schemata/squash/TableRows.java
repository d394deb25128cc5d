package dev.schemata.squash;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.diff.Identifiers;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a database's tables and where its sequences stand: written as SQL that loads them into the
 * same schema ({@link #script}), and summarised as a fingerprint per table and sequence, so two databases
 * can be shown to hold the same data. Tables that belong to an extension and the history table are left out:
 * the extension and the migration runner write those.
 */
record TableRows(List<TableData> tables, Map<String, Long> sequences, Map<String, String> fingerprints) {

    /** One table's rows in COPY text format, the columns they fill, and its enabled user triggers. */
    record TableData(String table, List<String> columns, List<String> triggers, String copyText) {
    }

    /**
     * @param own     the tables Schemata keeps for itself, left out
     * @param history the history table, whose sequence is left out too
     */
    static TableRows read(Connection c, SchemaFilter filter, Set<QualifiedName> own, QualifiedName history) throws SQLException {
        Map<Long, String> tables = tables(c, filter, own);
        Map<String, String> fingerprints = new LinkedHashMap<>();
        List<TableData> data = new ArrayList<>();
        for (Map.Entry<Long, String> t : dependenciesFirst(c, tables).entrySet()) {
            fingerprints.put(t.getValue(), fingerprint(c, t.getValue()));
            if (fingerprints.get(t.getValue()).startsWith("0 ")) {
                continue;
            }
            List<String> columns = strings(c, "SELECT pg_catalog.quote_ident(attname) FROM pg_catalog.pg_attribute"
                    + " WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum", t.getKey());
            List<String> triggers = strings(c, "SELECT pg_catalog.quote_ident(tgname) FROM pg_catalog.pg_trigger"
                    + " WHERE tgrelid = ?::oid AND NOT tgisinternal AND tgenabled = 'O' ORDER BY tgname", t.getKey());
            StringWriter rows = new StringWriter();
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + t.getValue() + " (" + String.join(", ", columns)
                        + ") TO STDOUT", rows);
            } catch (IOException e) {
                throw new SQLException("cannot read the rows of " + t.getValue() + ": " + e.getMessage(), e);
            }
            data.add(new TableData(t.getValue(), columns, triggers, rows.toString()));
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        // The history table's own sequence is the migration runner's, like its rows.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.quote_ident(n.nspname)"
                + " || '.' || pg_catalog.quote_ident(c.relname), n.nspname, c.relname, pg_catalog.pg_sequence_last_value(c.oid)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'S' AND NOT " + extensionMember("c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
                + " AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjid = pg_catalog.to_regclass("
                + "pg_catalog.quote_ident(?) || '.' || pg_catalog.quote_ident(?)))"
                + " ORDER BY 2, 3")) {
            ps.setString(1, history.schema());
            ps.setString(2, history.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long last = rs.getLong(4);
                    if (!rs.wasNull() && filter.includes(rs.getString(2))) {
                        sequences.put(rs.getString(1), last);
                        fingerprints.put("sequence " + rs.getString(1), Long.toString(last));
                    }
                }
            }
        }
        return new TableRows(List.copyOf(data), sequences, fingerprints);
    }

    /** SQL that loads the rows (user triggers held off, since their effects are rows of their own) and sets the sequences. */
    String script() {
        StringBuilder sql = new StringBuilder();
        for (TableData t : tables) {
            t.triggers().forEach(name -> sql.append("ALTER TABLE ").append(t.table()).append(" DISABLE TRIGGER ").append(name).append(";\n"));
            sql.append("COPY ").append(t.table()).append(" (").append(String.join(", ", t.columns())).append(") FROM stdin;\n")
                    .append(t.copyText()).append("\\.\n");
            t.triggers().forEach(name -> sql.append("ALTER TABLE ").append(t.table()).append(" ENABLE TRIGGER ").append(name).append(";\n"));
        }
        sequences.forEach((name, last) -> sql.append("SELECT pg_catalog.setval(").append(Identifiers.literal(name)).append(", ")
                .append(last).append(", true);\n"));
        return sql.toString();
    }

    long rowCount() {
        return tables.stream().mapToLong(t -> t.copyText().lines().count()).sum();
    }

    private static Map<Long, String> tables(Connection c, SchemaFilter filter, Set<QualifiedName> own) throws SQLException {
        Map<Long, String> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid, n.nspname, c.relname,"
                + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname !~ '^pg_(toast|temp)' AND NOT " + extensionMember("c.oid") + " ORDER BY 2, 3")) {
            while (rs.next()) {
                if (filter.includes(rs.getString(2)) && !own.contains(new QualifiedName(rs.getString(2), rs.getString(3)))) {
                    tables.put(rs.getLong(1), rs.getString(4));
                }
            }
        }
        return tables;
    }

    /** The tables in an order that loads referenced rows before the rows that reference them (cycles: name order). */
    private static Map<Long, String> dependenciesFirst(Connection c, Map<Long, String> tables) throws SQLException {
        Map<Long, Set<Long>> references = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT conrelid::int8, confrelid::int8"
                + " FROM pg_catalog.pg_constraint WHERE contype = 'f' AND conrelid <> confrelid")) {
            while (rs.next()) {
                references.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
            }
        }
        Map<Long, String> ordered = new LinkedHashMap<>();
        Set<Long> visiting = new HashSet<>();
        for (Long table : tables.keySet()) {
            visit(table, tables, references, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(Long table, Map<Long, String> tables, Map<Long, Set<Long>> references, Set<Long> visiting,
                              Map<Long, String> ordered) {
        if (ordered.containsKey(table) || !tables.containsKey(table) || !visiting.add(table)) {
            return;
        }
        for (Long referenced : references.getOrDefault(table, Set.of())) {
            visit(referenced, tables, references, visiting, ordered);
        }
        ordered.put(table, tables.get(table));
    }

    private static String fingerprint(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) || ' ' || coalesce(pg_catalog.md5("
                + "string_agg(x::text, E'\\n' ORDER BY x::text)), '') FROM " + table + " AS x")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> strings(Connection c, String sql, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String extensionMember(String oid) {
        return "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
                + " AND d.objid = " + oid + " AND d.deptype = 'e')";
    }
}
