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
