package dev.schemata.declarative;

import dev.schemata.catalog.QualifiedName;

/**
 * A {@code -- schemata:renamed-from OLD} comment in a schema file: the table (or column) it is attached to
 * used to be called {@code OLD}, and a plan should rename it rather than drop it and create an empty one.
 *
 * @param table  the table, by its new name
 * @param column the column by its new name, or null for a table hint
 * @param from   the old name (for a table, possibly schema-qualified)
 * @param line   where the hint is, for messages
 */
public record RenameHint(QualifiedName table, String column, QualifiedName from, String fromColumn, String source,
                         int line) {
    public boolean isColumn() {
        return column != null;
    }

    public String where() {
        return source + ":" + line;
    }
}
