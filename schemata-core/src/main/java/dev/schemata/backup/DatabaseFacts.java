package dev.schemata.backup;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.history.History;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.Version;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a backup is compared on: the catalog model and the exact row count of every table, read on one
 * connection (in the caller's snapshot, when it has one open).
 */
public record DatabaseFacts(SchemaModel model, Map<String, Long> rowCounts) {

    public static DatabaseFacts read(Connection c) throws SQLException {
        return new DatabaseFacts(CatalogReader.read(c, SchemaFilter.all()), rowCounts(c, tables(c)));
    }

    /** Ordinary tables outside the system schemas, not part of an extension, as quoted {@code schema.table}. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
                        + " AND d.objid = c.oid AND d.deptype = 'e') ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static Map<String, Long> rowCounts(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                // Its own rows, as pg_dump writes them: an inheritance child's are counted for the child alone.
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The highest successfully applied version in a history table; empty without history. */
    static Optional<String> schemaVersion(Connection c, HistoryTable table) throws SQLException {
        Version highest = null;
        for (HistoryRow row : new History(table).read(c)) {
            if (!row.countsAsApplied() || !row.success() || row.version() == null) {
                continue;
            }
            Optional<Version> v = Version.tryParse(row.version());
            if (v.isPresent() && (highest == null || v.get().compareTo(highest) > 0)) {
                highest = v.get();
            }
        }
        return Optional.ofNullable(highest).map(Version::text);
    }

    /**
     * Differences between two models, one line per kind of object that differs (empty when equal).
     *
     * @param notRestored extensions left out of the restore on purpose (their objects are not in the model)
     */
    public static List<String> differences(SchemaModel expected, SchemaModel actual, Set<String> notRestored) {
        List<String> out = new ArrayList<>();
        compare("schemas", expected, actual, SchemaModel::schemas, out);
        compare("extensions", expected, actual, m -> m.extensions().stream().filter(e -> !notRestored.contains(e.name())).toList(), out);
        compare("collations", expected, actual, SchemaModel::collations, out);
        compare("enum types", expected, actual, SchemaModel::enums, out);
        compare("domains", expected, actual, SchemaModel::domains, out);
        compare("composite types", expected, actual, SchemaModel::compositeTypes, out);
        compare("sequences", expected, actual, SchemaModel::sequences, out);
        compare("tables", expected, actual, SchemaModel::tables, out);
        compare("views", expected, actual, SchemaModel::views, out);
        compare("constraints", expected, actual, SchemaModel::constraints, out);
        compare("indexes", expected, actual, SchemaModel::indexes, out);
        compare("triggers", expected, actual, SchemaModel::triggers, out);
        compare("policies", expected, actual, SchemaModel::policies, out);
        compare("functions", expected, actual, SchemaModel::functions, out);
        compare("other objects", expected, actual, SchemaModel::unsupported, out);
        return out;
    }

    private static void compare(String kind, SchemaModel a, SchemaModel b, Function<SchemaModel, List<?>> part,
                                List<String> out) {
        List<?> left = part.apply(a);
        List<?> right = part.apply(b);
        if (left.equals(right)) {
            return;
        }
        List<Object> missing = new ArrayList<>(left);
        missing.removeAll(right);
        List<Object> extra = new ArrayList<>(right);
        extra.removeAll(left);
        out.add(kind + " differ: " + missing.size() + " only in the source"
                + (missing.isEmpty() ? "" : " (first: " + shorten(missing.get(0)) + ")") + ", " + extra.size()
                + " only in the restored copy" + (extra.isEmpty() ? "" : " (first: " + shorten(extra.get(0)) + ")"));
    }

    private static String shorten(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
