package dev.schemata.models;

import java.util.Objects;

/**
 * One difference between what the models expect and the reference schema, said from the models' side.
 *
 * @param severity what it breaks
 * @param kind     what differs: {@code missing-table}, {@code type}, {@code nullability}, … (documented in docs/models.md)
 * @param table    the table, schema-qualified
 * @param column   the column, or null for a table-level difference
 * @param message  the difference in words
 * @param expected what the models expect, or null
 * @param actual   what the reference has, or null
 */
public record Finding(Severity severity, String kind, String table, String column, String message, String expected,
                      String actual) {

    public enum Severity {
        /** Inserts, updates or selects through the models fail. */
        ERROR,
        /** Works, but not as the models say: a missing index, key or default. */
        WARNING,
        /** Something the models do not know, usually fine: a table or nullable column only the database has. */
        INFO
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(message, "message");
    }

    /** {@code table.column}, or the table. */
    public String subject() {
        return column == null ? table : table + "." + column;
    }
}
