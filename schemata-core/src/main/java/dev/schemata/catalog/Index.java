package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An index of a table or materialized view, including the indexes behind primary keys, unique and
 * exclusion constraints. The indexes PostgreSQL creates on partitions for a partitioned table's index are
 * not listed (they come with the parent's).
 *
 * @param name             the index name; index names are unique within a schema
 * @param table            the indexed table or materialized view
 * @param definition       the whole statement as {@code pg_get_indexdef} prints it (method, operator
 *                         classes, ordering, {@code NULLS NOT DISTINCT}, storage parameters, predicate)
 * @param method           the access method, e.g. {@code btree}, {@code gin}
 * @param keys             each key column or expression, as PostgreSQL prints it, in key order
 * @param include          the {@code INCLUDE} columns, in order
 * @param predicate        the {@code WHERE} predicate of a partial index, or null
 * @param nullsNotDistinct {@code NULLS NOT DISTINCT}
 * @param constraint       the name of the constraint the index implements, or null
 * @param valid            false for an index left invalid by a failed {@code CREATE INDEX CONCURRENTLY}
 * @param replicaIdentity  whether the table's {@code REPLICA IDENTITY USING INDEX} names this index
 * @param comment          the index's comment, or null
 */
public record Index(QualifiedName name, QualifiedName table, String definition, String method, List<String> keys,
                    List<String> include, String predicate, boolean unique, boolean primary,
                    boolean nullsNotDistinct, String constraint, boolean valid, boolean replicaIdentity,
                    String comment) {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(method, "method");
        keys = List.copyOf(keys);
        include = List.copyOf(include);
    }

    public boolean isPartial() {
        return predicate != null;
    }

    public boolean isConstraintBacked() {
        return constraint != null;
    }
}
