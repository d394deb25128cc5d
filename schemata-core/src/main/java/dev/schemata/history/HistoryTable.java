package dev.schemata.history;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

/**
 * Where the history lives: schema and table name, {@code public.schema_migrations} by default.
 */
public record HistoryTable(String schema, String name) {
    public static final HistoryTable DEFAULT = new HistoryTable("public", "schema_migrations");

    public HistoryTable {
        if (name == null || name.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the history table name must not be empty");
        }
        if (schema == null || schema.isBlank()) {
            schema = "public";
        }
    }

    /** Parses {@code name} or {@code schema.name}. */
    public static HistoryTable parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? new HistoryTable("public", text) : new HistoryTable(text.substring(0, dot), text.substring(dot + 1));
    }

    /** The side table where {@code migrate} records table sizes before and after each run. */
    public HistoryTable sizesTable() {
        return new HistoryTable(schema, name + "_sizes");
    }

    /** Every table Schemata keeps for itself beside the user's schema: left out of schema comparisons. */
    public java.util.List<HistoryTable> ownTables() {
        return java.util.List.of(this, sizesTable());
    }

    /** The quoted, schema-qualified name for SQL. */
    public String sql() {
        return quote(schema) + "." + quote(name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
