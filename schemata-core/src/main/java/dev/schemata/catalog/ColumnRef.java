package dev.schemata.catalog;

import java.util.Objects;

/** A column of a table, as a reference (e.g. the column a sequence is {@code OWNED BY}). */
public record ColumnRef(QualifiedName table, String column) {
    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }
}
