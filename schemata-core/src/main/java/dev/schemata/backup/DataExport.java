package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.json.Json;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of every table, exported table by table with {@code COPY ... TO STDOUT} (text format) into an
 * owner-only directory (each table's own rows; a partitioned table with the rows of all its partitions),
 * in one snapshot, with sequence positions. Needs no pg_dump, so it works whatever
 * the server version. Each file is checked against the row count read in the same snapshot before anything
 * may be deleted.
 *
 * @param tables    the exported tables with their columns (as they were) and row counts
 * @param sequences sequence (quoted {@code "schema"."name"}) to its last value; only sequences that were used
 */
public record DataExport(Path dir, List<Table> tables, Map<String, Long> sequences) {

    /** One exported table. {@code name} and {@code schema} are unquoted; {@code file} is relative to the directory. */
    public record Table(String schema, String name, List<String> columns, long rows, String file) {
        public String qualified() {
            return quote(schema) + "." + quote(name);
        }
    }

    public DataExport {
        tables = List.copyOf(tables);
        sequences = Map.copyOf(sequences);
    }

    /**
     * Exports every ordinary table except {@code exclude} (as {@code schema.name}, unquoted) into {@code dir},
     * which must not exist yet.
     */
    public static DataExport export(Connection c, Path dir, Set<String> exclude) {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create the export directory " + dir + ": " + e, e);
        }
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                List<Table> tables = new ArrayList<>();
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                int n = 0;
                for (String[] t : tableNames(c)) {
                    if (exclude.contains(t[0] + "." + t[1])) {
                        continue;
                    }
                    List<String> columns = columns(c, t[0], t[1]);
                    String file = String.format("%04d.copy", ++n);
                    // A table's own rows only (an inheritance child is exported as itself); a partitioned
                    // table's rows are those of all its partitions, loaded back through it.
                    String from = (t[2].equals("p") ? "" : "ONLY ") + quote(t[0]) + "." + quote(t[1]);
                    String select = "SELECT " + String.join(", ", columns.stream().map(DataExport::quote).toList())
                            + " FROM " + from;
                    long rows;
                    try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
                        rows = columns.isEmpty() ? count(c, from) : copy.copyOut("COPY (" + select + ") TO STDOUT", out);
                    }
                    long counted = count(c, from);
                    if (rows != counted || (!columns.isEmpty() && lines(dir.resolve(file)) != counted)) {
                        throw new SchemataException(ErrorCode.OPERATION_FAILED, "the export of " + t[0] + "." + t[1]
                                + " is incomplete: " + counted + " rows in the table, " + rows + " exported");
                    }
                    tables.add(new Table(t[0], t[1], columns, rows, file));
                }
                Map<String, Long> sequences = sequences(c);
                c.commit();
                DataExport export = new DataExport(dir, tables, sequences);
                Files.writeString(dir.resolve("export.json"), Json.pretty(export.toJson()) + "\n", StandardCharsets.UTF_8);
                return export;
            } finally {
                if (!c.isClosed()) {
                    c.rollback();
                    c.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "exporting the data failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "exporting the data into " + dir + " failed: " + e, e);
        }
    }

    /**
     * Reads an export that {@code reset --keep-data} kept: its directory, or the {@code export.json} in it.
     * Each data file is checked against the row count recorded for it, so a damaged export is refused
     * before anything is loaded.
     */
    public static DataExport read(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.getParent() == null ? Path.of(".") : path.getParent();
        Path manifest = dir.resolve("export.json");
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, path + " is not a data export: " + manifest + " cannot be read ("
                    + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, manifest + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> json) || !BackupManifest.TOOL.equals(json.get("tool"))
                || !(json.get("tables") instanceof List<?> list)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, manifest + " is not a Schemata data export");
        }
        List<Table> tables = new ArrayList<>();
        Map<String, Long> sequences = new LinkedHashMap<>();
        try {
            for (Object o : list) {
                Map<?, ?> t = (Map<?, ?>) o;
                Table table = new Table((String) t.get("schema"), (String) t.get("name"),
                        ((List<?>) t.get("columns")).stream().map(String.class::cast).toList(), ((Number) t.get("rows")).longValue(),
                        (String) t.get("file"));
                Path file = dir.resolve(table.file()).normalize();
                if (!file.startsWith(dir.normalize()) || table.schema() == null || table.name() == null) {
                    throw new IllegalArgumentException("invalid entry " + t);
                }
                long lines = table.columns().isEmpty() ? table.rows() : lines(file);
                if (lines != table.rows()) {
                    throw new SchemataException(ErrorCode.BAD_INPUT, file + " holds " + lines + " rows of " + table.schema() + "."
                            + table.name() + ", the export recorded " + table.rows() + ": it was changed or is damaged;"
                            + " nothing was loaded");
                }
                tables.add(table);
            }
            if (json.get("sequences") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> sequences.put((String) k, ((Number) v).longValue()));
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read the export in " + dir + ": " + e, e);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, manifest + ": incomplete or invalid: " + e.getMessage(), e);
        }
        return new DataExport(dir, tables, sequences);
    }

    /** The tables whose rows are never carried over (unquoted {@code schema.name}): the history and its side tables. */
    public static Set<String> ownTables(dev.schemata.history.HistoryTable history) {
        return Set.copyOf(history.ownTables().stream().map(t -> t.schema() + "." + t.name()).toList());
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", BackupManifest.TOOL);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Table t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schema", t.schema());
            m.put("name", t.name());
            m.put("columns", t.columns());
            m.put("rows", t.rows());
            m.put("file", t.file());
            list.add(m);
        }
        json.put("tables", list);
        json.put("sequences", new java.util.TreeMap<>(sequences));
        return json;
    }

    private static List<String[]> tableNames(Connection c) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
                        + " AND d.objid = c.oid AND d.deptype = 'e') ORDER BY 1, 2")) {
            while (rs.next()) {
                names.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return names;
    }

    /** Columns that hold data (generated columns are computed again on load). */
    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = (pg_catalog.quote_ident(?) || '.' || pg_catalog.quote_ident(?))::regclass"
                + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT schemaname, sequencename, last_value FROM pg_catalog.pg_sequences WHERE last_value IS NOT NULL"
                        + " AND schemaname NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                values.put(quote(rs.getString(1)) + "." + quote(rs.getString(2)), rs.getLong(3));
            }
        }
        return values;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** COPY text format writes one line per row (newlines inside values are escaped). */
    private static long lines(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().count();
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
