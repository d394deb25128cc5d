package dev.schemata.catalog;

import java.util.Objects;

/**
 * A schema-qualified object name, as stored in the catalog: raw, never quoted. It is the key by which two
 * models are matched, so it holds names only (no OIDs).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    /** {@code schema.name}, unquoted: for messages, not for SQL. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
