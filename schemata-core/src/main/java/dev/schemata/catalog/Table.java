package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An ordinary or partitioned table. Its constraints, indexes, triggers and policies are listed in the
 * {@link SchemaModel} with this table's name, like any other object.
 *
 * @param columns          the columns in physical order
 * @param partitionKey     for a partitioned table, the key as {@code pg_get_partkeydef} prints it
 *                         (e.g. {@code RANGE (created_at)}); null otherwise
 * @param partitionOf      for a partition, its parent table; null otherwise
 * @param partitionBound   for a partition, its bound as PostgreSQL prints it (e.g.
 *                         {@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')} or {@code DEFAULT}); null otherwise
 * @param inherits         the parents of {@code INHERITS (…)}, in declared order (not the partition parent)
 * @param options          storage parameters ({@code reloptions}) as {@code name=value}, sorted
 * @param rowSecurity      {@code ENABLE ROW LEVEL SECURITY}
 * @param forceRowSecurity {@code FORCE ROW LEVEL SECURITY}
 * @param comment          the table's comment, or null
 * @param privileges       table-level privileges, sorted (column-level ones are on the columns)
 */
public record Table(QualifiedName name, Persistence persistence, List<Column> columns, String partitionKey,
                    QualifiedName partitionOf, String partitionBound, List<QualifiedName> inherits,
                    List<String> options, boolean rowSecurity, boolean forceRowSecurity,
                    ReplicaIdentity replicaIdentity, String comment, List<Privilege> privileges) {

    /** {@code REPLICA IDENTITY} ({@code relreplident} {@code d}, {@code n}, {@code f}, {@code i}). */
    public enum ReplicaIdentity {
        DEFAULT,
        NOTHING,
        FULL,
        /** {@code USING INDEX}: the index is the one whose {@link Index#replicaIdentity()} is true. */
        INDEX
    }

    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(replicaIdentity, "replicaIdentity");
        columns = List.copyOf(columns);
        inherits = List.copyOf(inherits);
        options = Lists.sorted(options);
        privileges = Lists.sorted(privileges);
    }

    public boolean isPartitioned() {
        return partitionKey != null;
    }

    public boolean isPartition() {
        return partitionOf != null;
    }
}
