package dev.schemata.lint;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the database says about the relations and enum types the linted files name, read once before the
 * rules run: one query for all relations (an index name resolves to its table), and one for enum types
 * when the files recreate one. Nothing is changed; names resolve with the connection's search path.
 *
 * @param relations each relation the files name that exists, by the name as written
 * @param enums     each named enum type that exists, with its labels in sort order
 */
record DatabaseFacts(Map<RelationName, Found> relations, Map<RelationName, List<String>> enums) {

    /**
     * A relation the database has.
     *
     * @param kind  the relkind of the relation named (i and I for an index)
     * @param table the table it is (for an index: the index's table)
     */
    record Found(String kind, TableFacts table) {
    }

    private static final String RELATIONS = """
            WITH asked AS (
                SELECT a.name, pg_catalog.to_regclass(a.name) AS oid
                FROM pg_catalog.unnest(?::text[]) AS a(name)
            ), target AS (
                SELECT a.name, c.relkind AS asked_kind,
                       CASE WHEN c.relkind IN ('i', 'I') THEN i.indrelid ELSE c.oid END AS table_oid
                FROM asked a
                JOIN pg_catalog.pg_class c ON c.oid = a.oid
                LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
            )
            SELECT t.name, t.asked_kind::text, n.nspname::text AS schema, r.relname::text AS relname,
                   r.relkind::text AS kind,
                   CASE WHEN r.relkind = 'p' THEN (
                            SELECT CASE WHEN pg_catalog.bool_or(p.reltuples < 0) THEN -1
                                        ELSE pg_catalog.sum(p.reltuples) END
                            FROM pg_catalog.pg_partition_tree(r.oid) AS pt
                            JOIN pg_catalog.pg_class p ON p.oid = pt.relid
                            WHERE pt.isleaf)
                        ELSE r.reltuples END::float8 AS rows,
                   CASE WHEN r.relkind = 'p' THEN (
                            SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(pt.relid))
                            FROM pg_catalog.pg_partition_tree(r.oid) AS pt)
                        ELSE pg_catalog.pg_total_relation_size(r.oid) END::int8 AS bytes,
                   ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                         WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                         ORDER BY a.attnum) AS column_names,
                   ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
                         WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                         ORDER BY a.attnum) AS column_types,
                   ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                         WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                           AND a.attnotnull) AS not_null,
                   ARRAY(SELECT pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k
                         WHERE k.conrelid = r.oid AND k.contype = 'c' AND k.convalidated) AS checks,
                   ARRAY(SELECT (SELECT pg_catalog.string_agg(coalesce(a.attname::text, ''), pg_catalog.chr(31)
                                                              ORDER BY k.n)
                                 FROM pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                                 LEFT JOIN pg_catalog.pg_attribute a
                                        ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0)
                         FROM pg_catalog.pg_index i WHERE i.indrelid = r.oid) AS indexes
            FROM target t
            JOIN pg_catalog.pg_class r ON r.oid = t.table_oid
            JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
            """;

    private static final String ENUMS = """
            SELECT a.name,
                   ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                         WHERE e.enumtypid = pg_catalog.to_regtype(a.name)
                         ORDER BY e.enumsortorder) AS labels
            FROM pg_catalog.unnest(?::text[]) AS a(name)
            WHERE pg_catalog.to_regtype(a.name) IS NOT NULL
            """;

    static DatabaseFacts read(Connection c, Collection<RelationName> relations, Collection<RelationName> types) {
        try {
            return new DatabaseFacts(readRelations(c, relations), types.isEmpty() ? Map.of() : readEnums(c, types));
        } catch (SQLException e) {
            if (Database.isConnectionFailure(e)) {
                throw new SchemataException(ErrorCode.CONNECTION_FAILED,
                        "lost the connection while reading table sizes for lint: " + e.getMessage(), e);
            }
            throw new SchemataException(ErrorCode.OPERATION_FAILED,
                    "failed while reading table sizes for lint: " + e.getMessage(), e);
        }
    }

    private static Map<RelationName, Found> readRelations(Connection c, Collection<RelationName> asked)
            throws SQLException {
        Map<String, RelationName> bySql = new LinkedHashMap<>();
        for (RelationName name : asked) {
            bySql.put(name.sql(), name);
        }
        Map<RelationName, Found> found = new HashMap<>();
        if (bySql.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(RELATIONS)) {
            ps.setArray(1, c.createArrayOf("text", bySql.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RelationName name = bySql.get(rs.getString("name"));
                    found.put(name, new Found(rs.getString("asked_kind"), table(rs)));
                }
            }
        }
        return found;
    }

    private static TableFacts table(ResultSet rs) throws SQLException {
        List<String> names = strings(rs.getArray("column_names"));
        List<String> types = strings(rs.getArray("column_types"));
        Map<String, TypeName> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < types.size(); i++) {
            TypeName type = TypeName.parse(types.get(i));
            if (type != null) {
                columns.put(names.get(i), type);
            }
        }
        Set<String> checked = new HashSet<>();
        for (String check : strings(rs.getArray("checks"))) {
            String column = notNullCheckColumn(check);
            if (column != null) {
                checked.add(column);
            }
        }
        List<List<String>> indexes = new ArrayList<>();
        for (String index : strings(rs.getArray("indexes"))) {
            indexes.add(Arrays.asList(index.split("\u001f", -1)));
        }
        return new TableFacts(new RelationName(rs.getString("schema"), rs.getString("relname")), rs.getString("kind"),
                rs.getDouble("rows"), rs.getLong("bytes"), columns, new HashSet<>(strings(rs.getArray("not_null"))),
                checked, indexes);
    }

    private static Map<RelationName, List<String>> readEnums(Connection c, Collection<RelationName> asked)
            throws SQLException {
        Map<String, RelationName> bySql = new LinkedHashMap<>();
        for (RelationName name : asked) {
            bySql.put(name.sql(), name);
        }
        Map<RelationName, List<String>> enums = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ENUMS)) {
            ps.setArray(1, c.createArrayOf("text", bySql.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> labels = strings(rs.getArray("labels"));
                    if (!labels.isEmpty()) {
                        enums.put(bySql.get(rs.getString("name")), labels);
                    }
                }
            }
        }
        return enums;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object value : values) {
            out.add(value == null ? "" : value.toString());
        }
        return out;
    }

    /** The column of {@code CHECK ((col IS NOT NULL))}, as pg_get_constraintdef prints it; else null. */
    static String notNullCheckColumn(String definition) {
        List<Statement> statements = SqlScanner.split(definition, "constraint");
        if (statements.isEmpty()) {
            return null;
        }
        List<Token> tokens = statements.get(0).codeTokens();
        return tokens.isEmpty() || !tokens.get(0).isKeyword("CHECK") ? null
                : isNotNullCheck(tokens.subList(1, tokens.size()));
    }

    /** The column of a check body that says only {@code column IS NOT NULL} (parentheses allowed); else null. */
    static String isNotNullCheck(List<Token> body) {
        List<Token> core = new ArrayList<>();
        for (Token t : body) {
            if (!t.isSymbol("(") && !t.isSymbol(")")) {
                core.add(t);
            }
        }
        Cursor c = new Cursor(core);
        String column = c.name();
        return column != null && c.accept("IS", "NOT", "NULL") && c.atEnd() ? column : null;
    }
}
