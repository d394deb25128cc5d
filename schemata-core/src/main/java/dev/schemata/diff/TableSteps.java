package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Persistence;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Tables: create (parents before partitions and inheritance children), drop (children first), and alter
 * the table itself (persistence, storage options, row-level security, replica identity, partition bounds,
 * inheritance). Columns are {@link ColumnSteps}'. A table whose partitioning changes cannot be altered into
 * shape; it is dropped and created again, which deletes its rows and says so.
 */
final class TableSteps {
    private final DiffContext ctx;
    private final ColumnSteps columns;

    TableSteps(DiffContext ctx) {
        this.ctx = ctx;
        this.columns = new ColumnSteps(ctx);
    }

    void plan() {
        Matcher.Matched<Table> matched = Matcher.match(ctx.from.tables(), ctx.to.tables(), Table::name);
        List<Table> creates = new ArrayList<>(matched.adds());
        List<Table> drops = new ArrayList<>(matched.drops());
        for (Matcher.Changed<Table> change : matched.alters()) {
            if (mustRecreate(change.from(), change.to())) {
                ctx.markRecreated(DiffContext.key("table", change.to().name()));
                ctx.markReshaped(change.to().name());
                drops.add(change.from());
                creates.add(change.to());
            }
        }
        for (Table table : dropOrder(drops)) {
            drop(table);
        }
        for (Table table : Matcher.dependenciesFirst(creates, Table::name, TableSteps::parents)) {
            create(table);
        }
        for (Matcher.Changed<Table> change : matched.alters()) {
            if (!ctx.isRecreated(DiffContext.key("table", change.to().name()))) {
                alter(change.from(), change.to());
            }
        }
    }

    private static boolean mustRecreate(Table from, Table to) {
        return !Objects.equals(from.partitionKey(), to.partitionKey());
    }

    private static List<QualifiedName> parents(Table table) {
        List<QualifiedName> parents = new ArrayList<>(table.inherits());
        if (table.partitionOf() != null) {
            parents.add(table.partitionOf());
        }
        return parents;
    }

    /** Children before parents; a partition whose parent is dropped too goes with its parent. */
    private List<Table> dropOrder(List<Table> drops) {
        Set<QualifiedName> dropped = new HashSet<>();
        drops.forEach(t -> dropped.add(t.name()));
        List<Table> order = new ArrayList<>(Matcher.dependenciesFirst(drops, Table::name, TableSteps::parents));
        Collections.reverse(order);
        return order.stream().filter(t -> t.partitionOf() == null || !dropped.contains(t.partitionOf())).toList();
    }

    private void drop(Table table) {
        ctx.add(Phase.DROP_COLUMNS_AND_TABLES, "DROP TABLE " + qualified(table.name()), Hazard.DROPS_TABLE);
    }

    private void create(Table table) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (table.persistence() == Persistence.UNLOGGED) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(qualified(table.name()));
        if (table.isPartition()) {
            sql.append(" PARTITION OF ").append(qualified(table.partitionOf())).append(' ').append(table.partitionBound());
        } else {
            // A column the child declares itself is written out even when a parent has it too (PostgreSQL
            // merges the two), so that it stays the child's when the parent later drops it.
            Set<String> inherited = inheritedColumns(table);
            List<String> definitions = table.columns().stream().filter(c -> c.local() || !inherited.contains(c.name()))
                    .map(ColumnSteps::definition).toList();
            sql.append(definitions.isEmpty() ? " (" : " (\n    ").append(String.join(",\n    ", definitions))
                    .append(definitions.isEmpty() ? ")" : "\n)");
            if (!table.inherits().isEmpty()) {
                sql.append(" INHERITS (").append(String.join(", ",
                        table.inherits().stream().map(Identifiers::qualified).toList())).append(')');
            }
        }
        if (table.isPartitioned()) {
            sql.append(" PARTITION BY ").append(table.partitionKey());
        }
        if (!table.options().isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", table.options())).append(')');
        }
        ctx.add(Phase.CREATE_TABLES, sql.toString());
        String name = qualified(table.name());
        if (table.rowSecurity()) {
            ctx.add(Phase.ALTER_TABLES, "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY");
        }
        if (table.forceRowSecurity()) {
            ctx.add(Phase.ALTER_TABLES, "ALTER TABLE " + name + " FORCE ROW LEVEL SECURITY");
        }
        if (table.replicaIdentity() != Table.ReplicaIdentity.DEFAULT) {
            replicaIdentity(table, false);
        }
    }

    /**
     * The columns of the parents a table inherits from on both sides: a column one of them adds reaches the
     * table through the parent, so the table does not add it itself.
     */
    private Set<String> columnsOfKeptParents(Table from, Table to) {
        Set<String> names = new HashSet<>();
        for (QualifiedName parent : to.inherits()) {
            Table p = ctx.toTables.get(parent);
            if (from.inherits().contains(parent) && p != null) {
                p.columns().forEach(c -> names.add(c.name()));
            }
        }
        return names;
    }

    /** The columns a table gets from the parents of {@code INHERITS}. */
    Set<String> inheritedColumns(Table table) {
        Set<String> names = new HashSet<>();
        for (QualifiedName parent : table.inherits()) {
            Table p = ctx.toTables.containsKey(parent) ? ctx.toTables.get(parent) : ctx.fromTables.get(parent);
            if (p != null) {
                p.columns().forEach(c -> names.add(c.name()));
            }
        }
        return names;
    }

    private void alter(Table from, Table to) {
        String name = qualified(to.name());
        boolean samePartition = from.isPartition() && to.isPartition()
                && from.partitionOf().equals(to.partitionOf());
        if (!samePartition) {
            columns.alter(from, to, columnsOfKeptParents(from, to));
        }
        if (from.persistence() != to.persistence()) {
            ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + name + " SET "
                    + (to.persistence() == Persistence.LOGGED ? "LOGGED" : "UNLOGGED"), Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE);
        }
        options(from, to, name);
        if (from.rowSecurity() != to.rowSecurity()) {
            ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + name + (to.rowSecurity() ? " ENABLE" : " DISABLE")
                    + " ROW LEVEL SECURITY", Hazard.CHANGES_ROW_SECURITY);
        }
        if (from.forceRowSecurity() != to.forceRowSecurity()) {
            ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + name + (to.forceRowSecurity() ? " FORCE" : " NO FORCE")
                    + " ROW LEVEL SECURITY", Hazard.CHANGES_ROW_SECURITY);
        }
        if (from.replicaIdentity() != to.replicaIdentity() || to.replicaIdentity() == Table.ReplicaIdentity.INDEX) {
            replicaIdentity(to, from.replicaIdentity() == to.replicaIdentity());
        }
        inheritance(from, to, name);
        partition(from, to, name);
    }

    private void options(Table from, Table to, String name) {
        List<String> reset = new ArrayList<>();
        for (String option : from.options()) {
            String key = option.substring(0, option.indexOf('='));
            if (to.options().stream().noneMatch(o -> o.startsWith(key + "="))) {
                reset.add(key);
            }
        }
        List<String> set = to.options().stream().filter(o -> !from.options().contains(o)).toList();
        if (!reset.isEmpty()) {
            ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + name + " RESET (" + String.join(", ", reset) + ")");
        }
        if (!set.isEmpty()) {
            ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + name + " SET (" + String.join(", ", set) + ")");
        }
    }

    /**
     * {@code REPLICA IDENTITY}; for {@code USING INDEX}, only when the index is new or another one (the
     * index must exist, so this runs after indexes are created).
     */
    private void replicaIdentity(Table table, boolean sameKind) {
        String name = qualified(table.name());
        if (table.replicaIdentity() == Table.ReplicaIdentity.INDEX) {
            String index = ctx.indexesOf(ctx.to, table.name()).stream().filter(i -> i.replicaIdentity())
                    .map(i -> i.name().name()).findFirst().orElse(null);
            if (index == null) {
                return;
            }
            if (sameKind) {
                String before = ctx.indexesOf(ctx.from, table.name()).stream().filter(i -> i.replicaIdentity())
                        .map(i -> i.name().name()).findFirst().orElse(null);
                boolean indexRebuilt = ctx.isRecreated(DiffContext.key("index", table.name().schema(), index));
                if (index.equals(before) && !indexRebuilt) {
                    return;
                }
            }
            ctx.add(Phase.REPLICA_IDENTITY, "ALTER TABLE " + name + " REPLICA IDENTITY USING INDEX " + quote(index));
            return;
        }
        ctx.add(Phase.ALTER_TABLES, "ALTER TABLE " + name + " REPLICA IDENTITY " + table.replicaIdentity().name());
    }

    private void inheritance(Table from, Table to, String name) {
        for (QualifiedName parent : from.inherits()) {
            if (!to.inherits().contains(parent)) {
                ctx.addLocking(Phase.DETACH_PARTITIONS, "ALTER TABLE " + name + " NO INHERIT " + qualified(parent));
            }
        }
        for (QualifiedName parent : to.inherits()) {
            if (!from.inherits().contains(parent)) {
                ctx.addLocking(Phase.ATTACH_PARTITIONS, "ALTER TABLE " + name + " INHERIT " + qualified(parent));
            }
        }
    }

    private void partition(Table from, Table to, String name) {
        boolean same = Objects.equals(from.partitionOf(), to.partitionOf())
                && Objects.equals(from.partitionBound(), to.partitionBound());
        if (same) {
            return;
        }
        if (from.isPartition() && !ctx.isGone(from.partitionOf())) {
            ctx.addLocking(Phase.DETACH_PARTITIONS, "ALTER TABLE " + qualified(from.partitionOf())
                    + " DETACH PARTITION " + name, Hazard.LOCKS_TABLE);
        }
        if (to.isPartition()) {
            ctx.addLocking(Phase.ATTACH_PARTITIONS, "ALTER TABLE " + qualified(to.partitionOf()) + " ATTACH PARTITION "
                    + name + " " + to.partitionBound(), Hazard.SCANS_TABLE);
        }
    }

    static String columnList(List<Column> columns) {
        return String.join(", ", columns.stream().map(c -> quote(c.name())).toList());
    }
}
