package dev.schemata.diff;

import dev.schemata.catalog.Constraint;
import dev.schemata.catalog.Index;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Table constraints. A changed constraint is dropped and added again; a foreign key is also dropped and
 * added again when the unique key it refers to is rebuilt or its table is recreated, since PostgreSQL
 * would refuse to drop them under it. Foreign keys run in a pass of their own ({@link #planForeignKeys()})
 * after indexes are planned, so that rebuilt unique indexes are known.
 *
 * <p>On a table that already has rows, adding a check or foreign key scans the table; online, it is added
 * {@code NOT VALID} and validated in a later step that lets writes through. Online, a primary key or unique
 * constraint is built as a concurrent unique index first and then attached with {@code USING INDEX}.
 */
final class ConstraintSteps {
    private static final String NOT_VALID = " NOT VALID";

    private final DiffContext ctx;

    ConstraintSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    private static String key(Constraint c) {
        return DiffContext.key("constraint", c.table(), c.name());
    }

    void planKeysAndChecks() {
        plan(ctx.from.constraints().stream().filter(c -> !c.isForeignKey()).toList(),
                ctx.to.constraints().stream().filter(c -> !c.isForeignKey()).toList());
    }

    void planForeignKeys() {
        // A table that goes takes its own foreign keys with it, but not before another table that goes in the
        // same plan (in any order) refuses to be dropped while they refer to it: those are dropped first.
        for (Constraint c : ctx.from.constraints()) {
            if (c.isForeignKey() && ctx.isGone(c.table()) && ctx.isGone(c.foreignKey().referencedTable())
                    && !c.table().equals(c.foreignKey().referencedTable())) {
                drop(c);
            }
        }
        plan(ctx.from.constraints().stream().filter(Constraint::isForeignKey).toList(),
                ctx.to.constraints().stream().filter(Constraint::isForeignKey).toList());
    }

    private void plan(List<Constraint> from, List<Constraint> to) {
        Matcher.Matched<Constraint> matched = Matcher.match(from, to, c -> List.of(c.table(), c.name()));
        List<Constraint> adds = new java.util.ArrayList<>(matched.adds());
        for (Constraint c : matched.drops()) {
            if (ctx.isGone(c.table())) {
                continue;
            }
            Constraint renamed = adds.stream().filter(a -> isRenameOf(c, a)).findFirst().orElse(null);
            if (renamed != null) {
                // Same constraint under a new name (e.g. after its table was renamed): no rebuild needed.
                adds.remove(renamed);
                ctx.addLocking(Phase.ALTER_TABLES, "ALTER TABLE " + qualified(c.table()) + " RENAME CONSTRAINT "
                        + quote(c.name()) + " TO " + quote(renamed.name()));
                continue;
            }
            drop(c);
        }
        for (Constraint c : adds) {
            add(c);
        }
        for (Matcher.Changed<Constraint> change : matched.alters()) {
            Constraint a = change.from();
            Constraint b = change.to();
            if (ctx.isGone(b.table())) {
                add(b);
            } else if (!sameStructure(a, b) || !sameIndex(a, b)) {
                recreate(a, b);
            } else if (a.validated() != b.validated()) {
                if (b.validated()) {
                    ctx.add(Phase.VALIDATE_CONSTRAINTS, "ALTER TABLE " + qualified(b.table()) + " VALIDATE CONSTRAINT "
                            + quote(b.name()));
                } else {
                    recreate(a, b);
                }
            } else if (mustRebuild(b)) {
                recreate(a, b);
            }
        }
        for (Constraint c : matched.unchanged()) {
            if (ctx.isGone(c.table())) {
                add(c);
            } else if (mustRebuild(c) || !sameIndex(c, c)) {
                recreate(c, c);
            }
        }
    }

    private boolean mustRebuild(Constraint c) {
        if (ctx.mentionsRecreatedColumn(c.table(), c.definition())) {
            return true;
        }
        if (!c.isForeignKey()) {
            return false;
        }
        QualifiedName referenced = c.foreignKey().referencedTable();
        if (ctx.isGone(referenced)) {
            return true;
        }
        Set<String> columns = new HashSet<>(c.foreignKey().referencedColumns());
        for (Index index : ctx.indexesOf(ctx.from, referenced)) {
            if (index.unique() && new HashSet<>(index.keys()).equals(columns)
                    && ctx.isRecreated(DiffContext.key("index", index.name().schema(), index.name().name()))) {
                return true;
            }
        }
        return false;
    }

    /** Equal but for the comment and whether it is validated yet. */
    private static boolean sameStructure(Constraint a, Constraint b) {
        return a.kind() == b.kind() && a.deferrable() == b.deferrable() && a.initiallyDeferred() == b.initiallyDeferred()
                && strip(a.definition()).equals(strip(b.definition())) && a.columns().equals(b.columns())
                && Objects.equals(a.foreignKey(), b.foreignKey());
    }

    private boolean isRenameOf(Constraint old, Constraint fresh) {
        if (!old.table().equals(fresh.table()) || !sameStructure(old, fresh) || old.validated() != fresh.validated()
                || mustRebuild(old)) {
            return false;
        }
        String before = backingIndex(ctx.from, old).map(i -> IndexSteps.withoutName(i)).orElse(null);
        String after = backingIndex(ctx.to, fresh).map(i -> IndexSteps.withoutName(i)).orElse(null);
        return Objects.equals(before, after);
    }

    /** Storage parameters and other index options of a key are only in its index's definition. */
    private boolean sameIndex(Constraint a, Constraint b) {
        String before = backingIndex(ctx.from, a).map(Index::definition).orElse(null);
        String after = backingIndex(ctx.to, b).map(Index::definition).orElse(null);
        return Objects.equals(before, after);
    }

    private java.util.Optional<Index> backingIndex(dev.schemata.catalog.SchemaModel model, Constraint c) {
        return ctx.indexesOf(model, c.table()).stream().filter(i -> c.name().equals(i.constraint())).findFirst();
    }

    private static String strip(String definition) {
        return definition.endsWith(NOT_VALID) ? definition.substring(0, definition.length() - NOT_VALID.length()) : definition;
    }

    private void recreate(Constraint from, Constraint to) {
        ctx.markRecreated(key(to));
        backingIndex(ctx.from, from).ifPresent(i -> ctx.markRecreated(DiffContext.key("index", i.name().schema(), i.name().name())));
        drop(from);
        add(to);
    }

    private void drop(Constraint c) {
        Phase phase = c.isForeignKey() ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS;
        String sql = "ALTER TABLE " + qualified(c.table()) + " DROP CONSTRAINT " + quote(c.name());
        boolean dropsIndex = c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE
                || c.kind() == Constraint.Kind.EXCLUSION;
        if (dropsIndex) {
            ctx.addLocking(phase, sql, Hazard.DROPS_INDEX);
        } else {
            ctx.addLocking(phase, sql);
        }
    }

    private void add(Constraint c) {
        ctx.markRecreated(key(c));
        String table = qualified(c.table());
        String sql = "ALTER TABLE " + table + " ADD CONSTRAINT " + quote(c.name()) + " " + definition(c);
        Phase phase = c.isForeignKey() ? Phase.CREATE_FOREIGN_KEYS : Phase.CREATE_CONSTRAINTS;
        if (ctx.isNewRelation(c.table()) || !c.validated()) {
            ctx.add(phase, sql); // an empty table, or NOT VALID: nothing is scanned
            return;
        }
        Table t = ctx.toTables.get(c.table());
        boolean partitioned = t != null && t.isPartitioned();
        switch (c.kind()) {
            case PRIMARY_KEY, UNIQUE -> addKey(c, phase, sql, partitioned);
            case EXCLUSION -> ctx.addLocking(phase, sql, Hazard.BUILDS_INDEX, Hazard.LOCKS_TABLE);
            case CHECK, FOREIGN_KEY -> {
                if (ctx.options.online() && !partitioned) {
                    ctx.addLocking(phase, sql + NOT_VALID);
                    ctx.add(Phase.VALIDATE_CONSTRAINTS, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + quote(c.name()));
                } else if (c.kind() == Constraint.Kind.CHECK) {
                    ctx.addLocking(phase, sql, Hazard.SCANS_TABLE, Hazard.LOCKS_TABLE);
                } else {
                    ctx.addLocking(phase, sql, Hazard.SCANS_TABLE);
                }
            }
        }
    }

    private static final java.util.regex.Pattern STORAGE = java.util.regex.Pattern.compile("\\) (WITH \\([^)]*\\))");

    /**
     * The constraint's text, with the storage parameters of its index, which {@code pg_get_constraintdef}
     * leaves out but {@code ADD CONSTRAINT} accepts before {@code DEFERRABLE}.
     */
    private String definition(Constraint c) {
        String definition = c.definition();
        Index index = backingIndex(ctx.to, c).orElse(null);
        if (index == null) {
            return definition;
        }
        java.util.regex.Matcher m = STORAGE.matcher(index.definition());
        if (!m.find()) {
            return definition;
        }
        int at = definition.indexOf(" DEFERRABLE");
        return at < 0 ? definition + " " + m.group(1) : definition.substring(0, at) + " " + m.group(1) + definition.substring(at);
    }

    private void addKey(Constraint c, Phase phase, String sql, boolean partitioned) {
        Index index = ctx.indexesOf(ctx.to, c.table()).stream().filter(i -> c.name().equals(i.constraint())).findFirst()
                .orElse(null);
        boolean online = ctx.options.online() && !partitioned && !c.deferrable() && index != null
                && index.name().name().equals(c.name());
        if (!online) {
            ctx.addLocking(phase, sql, Hazard.BUILDS_INDEX, Hazard.LOCKS_TABLE);
            return;
        }
        ctx.add(phase, new Step(IndexSteps.concurrently(IndexSteps.createSql(index)), List.of(Hazard.BUILDS_INDEX_CONCURRENTLY),
                false, null, null));
        String kind = c.kind() == Constraint.Kind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
        ctx.addLocking(phase, "ALTER TABLE " + qualified(c.table()) + " ADD CONSTRAINT " + quote(c.name()) + " "
                + kind + " USING INDEX " + quote(index.name().name()));
    }
}
