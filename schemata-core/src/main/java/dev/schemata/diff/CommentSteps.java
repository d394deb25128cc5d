package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.CompositeType;
import dev.schemata.catalog.Constraint;
import dev.schemata.catalog.Domain;
import dev.schemata.catalog.ForeignTable;
import dev.schemata.catalog.DomainConstraint;
import dev.schemata.catalog.Function;
import dev.schemata.catalog.Index;
import dev.schemata.catalog.Policy;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.catalog.Trigger;
import dev.schemata.catalog.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import static dev.schemata.diff.Identifiers.literal;
import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * {@code COMMENT ON} for every kind of object that has one. An object created by the plan, or dropped and
 * created again, starts without a comment; any other starts with the one the target has.
 */
final class CommentSteps {
    private final DiffContext ctx;

    CommentSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    /** What the desired model says of one object's comment, and where the object sits. */
    private record Wanted(String target, String comment, QualifiedName owner) {
    }

    /**
     * Takes one object's comment. Most objects have none on either side, and then no step is possible: their
     * key and {@code COMMENT ON} target are only made (by the suppliers) for objects with a comment on one side.
     */
    @FunctionalInterface
    private interface Sink {
        void put(String comment, Supplier<String> key, QualifiedName owner, Supplier<String> target);
    }

    void plan() {
        // The target's comments by key.
        Map<String, String> before = new HashMap<>();
        collect(ctx.from, (comment, key, owner, target) -> {
            if (comment != null) {
                before.put(key.get(), comment);
            }
        });
        Map<String, Wanted> after = new HashMap<>();
        collect(ctx.to, (comment, key, owner, target) -> {
            if (comment != null || !before.isEmpty()) {
                String k = key.get();
                if (comment != null || before.containsKey(k)) {
                    after.put(k, new Wanted(target.get(), comment, owner));
                }
            }
        });
        after.keySet().stream().sorted().forEach(key -> {
            Wanted object = after.get(key);
            String current = ctx.isRecreated(key) || isInNew(object.owner()) ? null : before.get(key);
            if (!Objects.equals(object.comment(), current)) {
                ctx.add(Phase.COMMENTS, "COMMENT ON " + object.target() + " IS "
                        + (object.comment() == null ? "NULL" : literal(object.comment())));
            }
        });
    }

    /** Whether the object sits on a relation that is created (or recreated) by the plan, so it had no comment. */
    private boolean isInNew(QualifiedName relation) {
        return relation != null && ctx.isNewRelation(relation);
    }

    /**
     * Gives each object of the model with a comment to {@code sink}: its comment (or null), its key, the relation
     * it belongs to (tables, views, columns, constraints, triggers and policies) and its {@code COMMENT ON}
     * target. The key of an object includes its owner, so a new owner means a new object.
     */
    private static void collect(SchemaModel m, Sink sink) {
        m.schemas().forEach(s -> sink.put(s.comment(), () -> DiffContext.key("schema", s.name()), null,
                () -> "SCHEMA " + quote(s.name())));
        m.extensions().forEach(e -> sink.put(e.comment(), () -> DiffContext.key("extension", e.name()), null,
                () -> "EXTENSION " + quote(e.name())));
        m.collations().forEach(c -> sink.put(c.comment(), () -> DiffContext.key("collation", c.name()), null,
                () -> "COLLATION " + qualified(c.name())));
        m.enums().forEach(e -> sink.put(e.comment(), () -> DiffContext.key("type", e.name()), null,
                () -> "TYPE " + qualified(e.name())));
        for (Domain d : m.domains()) {
            sink.put(d.comment(), () -> DiffContext.key("type", d.name()), null, () -> "DOMAIN " + qualified(d.name()));
            for (DomainConstraint c : d.constraints()) {
                sink.put(c.comment(), () -> DiffContext.key("domain constraint", d.name(), c.name()), null,
                        () -> "CONSTRAINT " + quote(c.name()) + " ON DOMAIN " + qualified(d.name()));
            }
        }
        for (CompositeType t : m.compositeTypes()) {
            sink.put(t.comment(), () -> DiffContext.key("type", t.name()), null, () -> "TYPE " + qualified(t.name()));
            for (Column a : t.attributes()) {
                sink.put(a.comment(), () -> DiffContext.key("attribute", t.name(), a.name()), null,
                        () -> "COLUMN " + qualified(t.name()) + "." + quote(a.name()));
            }
        }
        m.sequences().forEach(s -> sink.put(s.comment(), () -> DiffContext.key("sequence", s.name()), null,
                () -> "SEQUENCE " + qualified(s.name())));
        for (Table t : m.tables()) {
            sink.put(t.comment(), () -> DiffContext.key("table", t.name()), t.name(), () -> "TABLE " + qualified(t.name()));
            columns(sink, t.name(), t.columns());
        }
        for (View v : m.views()) {
            sink.put(v.comment(), () -> DiffContext.key("view", v.name()), v.name(),
                    () -> (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.name()));
            columns(sink, v.name(), v.columns());
        }
        for (Constraint c : m.constraints()) {
            sink.put(c.comment(), () -> DiffContext.key("constraint", c.table(), c.name()), c.table(),
                    () -> "CONSTRAINT " + quote(c.name()) + " ON " + qualified(c.table()));
        }
        for (Index i : m.indexes()) {
            sink.put(i.comment(), () -> DiffContext.key("index", i.name().schema(), i.name().name()), null,
                    () -> "INDEX " + qualified(i.name()));
        }
        for (Trigger t : m.triggers()) {
            sink.put(t.comment(), () -> DiffContext.key("trigger", t.table(), t.name()), t.table(),
                    () -> "TRIGGER " + quote(t.name()) + " ON " + qualified(t.table()));
        }
        for (Policy p : m.policies()) {
            sink.put(p.comment(), () -> DiffContext.key("policy", p.table(), p.name()), p.table(),
                    () -> "POLICY " + quote(p.name()) + " ON " + qualified(p.table()));
        }
        for (Function f : m.functions()) {
            sink.put(f.comment(), () -> FunctionSteps.key(f.name(), f.identityArguments()), null,
                    () -> FunctionSteps.objectType(f) + " " + FunctionSteps.signature(f));
        }
        m.textSearchDictionaries().forEach(d -> sink.put(d.comment(), () -> TextSearchSteps.dictionaryKey(d.name()), null,
                () -> "TEXT SEARCH DICTIONARY " + qualified(d.name())));
        m.textSearchConfigurations().forEach(c -> sink.put(c.comment(), () -> TextSearchSteps.configurationKey(c.name()), null,
                () -> "TEXT SEARCH CONFIGURATION " + qualified(c.name())));
        m.aggregates().forEach(a -> sink.put(a.comment(), () -> AggregateSteps.key(a.name(), a.identityArguments()), null,
                () -> "AGGREGATE " + AggregateSteps.signature(a)));
        m.operators().forEach(o -> sink.put(o.comment(), () -> OperatorSteps.key(o), null,
                () -> "OPERATOR " + OperatorSteps.signature(o)));
        m.casts().forEach(c -> sink.put(c.comment(), () -> CastSteps.key(c), null, () -> "CAST " + CastSteps.signature(c)));
        m.eventTriggers().forEach(t -> sink.put(t.comment(), () -> EventTriggerSteps.key(t.name()), null,
                () -> "EVENT TRIGGER " + quote(t.name())));
        m.foreignDataWrappers().forEach(w -> sink.put(w.comment(), () -> ForeignDataSteps.wrapperKey(w.name()), null,
                () -> "FOREIGN DATA WRAPPER " + quote(w.name())));
        m.foreignServers().forEach(s -> sink.put(s.comment(), () -> ForeignDataSteps.serverKey(s.name()), null,
                () -> "SERVER " + quote(s.name())));
        for (ForeignTable t : m.foreignTables()) {
            sink.put(t.comment(), () -> DiffContext.key("table", t.name()), t.name(),
                    () -> "FOREIGN TABLE " + qualified(t.name()));
            columns(sink, t.name(), t.columns());
        }
    }

    private static void columns(Sink sink, QualifiedName relation, List<Column> columns) {
        for (Column c : columns) {
            sink.put(c.comment(), () -> DiffContext.key("column", relation, c.name()), relation,
                    () -> "COLUMN " + qualified(relation) + "." + quote(c.name()));
        }
    }
}
