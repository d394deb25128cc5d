package dev.schemata.diff;

import dev.schemata.catalog.Index;
import dev.schemata.catalog.Table;

import java.util.List;

import static dev.schemata.diff.Identifiers.qualified;

/**
 * Indexes that no constraint owns (those are {@link ConstraintSteps}'). A changed index is dropped and built
 * again; so is one left invalid by a failed concurrent build. Online, indexes on tables that already exist
 * are built and dropped {@code CONCURRENTLY}, outside the transaction (partitioned tables do not allow it).
 */
final class IndexSteps {
    private final DiffContext ctx;

    IndexSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        List<Index> from = ctx.from.indexes().stream().filter(i -> !i.isConstraintBacked()).toList();
        List<Index> to = ctx.to.indexes().stream().filter(i -> !i.isConstraintBacked()).toList();
        Matcher.Matched<Index> matched = Matcher.match(from, to, Index::name);
        List<Index> adds = new java.util.ArrayList<>(matched.adds());
        for (Index index : matched.drops()) {
            if (ctx.isGone(index.table())) {
                continue;
            }
            Index renamed = adds.stream().filter(a -> a.table().equals(index.table()) && a.valid() == index.valid()
                    && a.name().schema().equals(index.name().schema()) && withoutName(a).equals(withoutName(index))
                    && !ctx.mentionsRecreatedColumn(index.table(), index.definition())).findFirst().orElse(null);
            if (renamed != null) {
                adds.remove(renamed);
                ctx.addLocking(Phase.ALTER_TABLES, "ALTER INDEX " + qualified(index.name()) + " RENAME TO "
                        + Identifiers.quote(renamed.name().name()));
                continue;
            }
            drop(index);
        }
        for (Index index : adds) {
            create(index);
        }
        for (Matcher.Changed<Index> change : matched.alters()) {
            Index a = change.from();
            Index b = change.to();
            if (ctx.isGone(b.table())) {
                create(b);
            } else if (!a.definition().equals(b.definition()) || a.valid() != b.valid()
                    || !a.table().equals(b.table()) || ctx.mentionsRecreatedColumn(b.table(), b.definition())) {
                recreate(a, b);
            }
        }
        for (Index index : matched.unchanged()) {
            if (ctx.isGone(index.table())) {
                create(index);
            } else if (ctx.mentionsRecreatedColumn(index.table(), index.definition())) {
                recreate(index, index);
            }
        }
    }

    private void recreate(Index from, Index to) {
        ctx.markRecreated(DiffContext.key("index", to.name().schema(), to.name().name()));
        drop(from);
        create(to);
    }

    private boolean concurrentAllowed(Index index) {
        Table table = ctx.toTables.get(index.table());
        return ctx.options.online() && !ctx.isNewRelation(index.table()) && (table == null || !table.isPartitioned());
    }

    private void drop(Index index) {
        String sql = "DROP INDEX " + qualified(index.name());
        if (concurrentAllowed(index)) {
            ctx.add(Phase.DROP_INDEXES, new Step("DROP INDEX CONCURRENTLY " + qualified(index.name()),
                    List.of(Hazard.DROPS_INDEX), false, ctx.options.lockTimeout(), null));
        } else {
            ctx.addLocking(Phase.DROP_INDEXES, sql, Hazard.DROPS_INDEX);
        }
    }

    private void create(Index index) {
        ctx.markRecreated(DiffContext.key("index", index.name().schema(), index.name().name()));
        Phase phase = ctx.toViews.containsKey(index.table()) ? Phase.CREATE_VIEW_INDEXES : Phase.CREATE_INDEXES;
        String sql = createSql(index);
        if (ctx.isNewRelation(index.table())) {
            ctx.add(phase, sql);
        } else if (concurrentAllowed(index)) {
            ctx.add(phase, new Step(concurrently(sql), List.of(Hazard.BUILDS_INDEX_CONCURRENTLY), false,
                    ctx.options.lockTimeout(), null));
        } else {
            ctx.addLocking(phase, sql, Hazard.BUILDS_INDEX);
        }
    }

    /** The index's own statement; {@code ON ONLY} (a partitioned parent's) would leave the partitions unindexed. */
    static String createSql(Index index) {
        return index.definition().replace(" ON ONLY ", " ON ");
    }

    /** The definition with the index's own name taken out, to recognise a renamed index. */
    static String withoutName(Index index) {
        String name = Identifiers.quote(index.name().name());
        return index.definition().replaceFirst("INDEX " + java.util.regex.Pattern.quote(name) + " ON ", "INDEX ON ");
    }

    static String concurrently(String createIndex) {
        if (createIndex.startsWith("CREATE UNIQUE INDEX ")) {
            return "CREATE UNIQUE INDEX CONCURRENTLY " + createIndex.substring("CREATE UNIQUE INDEX ".length());
        }
        return "CREATE INDEX CONCURRENTLY " + createIndex.substring("CREATE INDEX ".length());
    }
}
