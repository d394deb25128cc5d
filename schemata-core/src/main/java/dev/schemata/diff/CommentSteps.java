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

import static dev.schemata.diff.Identifiers.literal;
import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * {@code COMMENT ON} for every kind of object that has one. An object created by the plan, or dropped and
 * created again, starts without a comment; any other starts with the one the target has.
 */
final class CommentSteps {
    private final DiffContext ctx;
    /** The target's comments by {@link DiffContext#key}. */
    private final Map<String, String> before = new HashMap<>();
    /** The relation each table, view, column, constraint, trigger and policy key belongs to. */
    private final Map<String, QualifiedName> owners = new HashMap<>();

    CommentSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        collect(ctx.from, before);
        Map<String, String> after = new HashMap<>();
        Map<String, String> targets = collect(ctx.to, after);
        targets.keySet().stream().sorted().forEach(key -> {
            String wanted = after.get(key);
            String current = ctx.isRecreated(key) || isInNew(key) ? null : before.get(key);
            if (!Objects.equals(wanted, current)) {
                ctx.add(Phase.COMMENTS, "COMMENT ON " + targets.get(key) + " IS " + (wanted == null ? "NULL" : literal(wanted)));
            }
        });
    }

    /** Whether the object sits on a relation that is created (or recreated) by the plan, so it had no comment. */
    private boolean isInNew(String key) {
        QualifiedName relation = owners.get(key);
        return relation != null && ctx.isNewRelation(relation);
    }

    /**
     * Puts each object's comment (or null) into {@code comments} by key, and returns the {@code COMMENT ON}
     * target of each key. The key of an object includes its owner, so a new owner means a new object.
     */
    private Map<String, String> collect(SchemaModel m, Map<String, String> comments) {
        Map<String, String> targets = new HashMap<>();
        m.schemas().forEach(s -> put(targets, comments, DiffContext.key("schema", s.name()), "SCHEMA " + quote(s.name()), s.comment()));
        m.extensions().forEach(e -> put(targets, comments, DiffContext.key("extension", e.name()), "EXTENSION " + quote(e.name()), e.comment()));
        m.collations().forEach(c -> put(targets, comments, DiffContext.key("collation", c.name()), "COLLATION " + qualified(c.name()), c.comment()));
        m.enums().forEach(e -> put(targets, comments, DiffContext.key("type", e.name()), "TYPE " + qualified(e.name()), e.comment()));
        for (Domain d : m.domains()) {
            put(targets, comments, DiffContext.key("type", d.name()), "DOMAIN " + qualified(d.name()), d.comment());
            for (DomainConstraint c : d.constraints()) {
                put(targets, comments, DiffContext.key("domain constraint", d.name(), c.name()),
                        "CONSTRAINT " + quote(c.name()) + " ON DOMAIN " + qualified(d.name()), c.comment());
            }
        }
        for (CompositeType t : m.compositeTypes()) {
            put(targets, comments, DiffContext.key("type", t.name()), "TYPE " + qualified(t.name()), t.comment());
            for (Column a : t.attributes()) {
                put(targets, comments, DiffContext.key("attribute", t.name(), a.name()),
                        "COLUMN " + qualified(t.name()) + "." + quote(a.name()), a.comment());
            }
        }
        m.sequences().forEach(s -> put(targets, comments, DiffContext.key("sequence", s.name()), "SEQUENCE " + qualified(s.name()), s.comment()));
        for (Table t : m.tables()) {
            owners.put(DiffContext.key("table", t.name()), t.name());
            put(targets, comments, DiffContext.key("table", t.name()), "TABLE " + qualified(t.name()), t.comment());
            columns(targets, comments, t.name(), t.columns());
        }
        for (View v : m.views()) {
            owners.put(DiffContext.key("view", v.name()), v.name());
            put(targets, comments, DiffContext.key("view", v.name()),
                    (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.name()), v.comment());
            columns(targets, comments, v.name(), v.columns());
        }
        for (Constraint c : m.constraints()) {
            owners.put(DiffContext.key("constraint", c.table(), c.name()), c.table());
            put(targets, comments, DiffContext.key("constraint", c.table(), c.name()),
                    "CONSTRAINT " + quote(c.name()) + " ON " + qualified(c.table()), c.comment());
        }
        for (Index i : m.indexes()) {
            put(targets, comments, DiffContext.key("index", i.name().schema(), i.name().name()),
                    "INDEX " + qualified(i.name()), i.comment());
        }
        for (Trigger t : m.triggers()) {
            owners.put(DiffContext.key("trigger", t.table(), t.name()), t.table());
            put(targets, comments, DiffContext.key("trigger", t.table(), t.name()),
                    "TRIGGER " + quote(t.name()) + " ON " + qualified(t.table()), t.comment());
        }
        for (Policy p : m.policies()) {
            owners.put(DiffContext.key("policy", p.table(), p.name()), p.table());
            put(targets, comments, DiffContext.key("policy", p.table(), p.name()),
                    "POLICY " + quote(p.name()) + " ON " + qualified(p.table()), p.comment());
        }
        for (Function f : m.functions()) {
            put(targets, comments, FunctionSteps.key(f.name(), f.identityArguments()),
                    FunctionSteps.objectType(f) + " " + FunctionSteps.signature(f), f.comment());
        }
        m.textSearchDictionaries().forEach(d -> put(targets, comments, TextSearchSteps.dictionaryKey(d.name()),
                "TEXT SEARCH DICTIONARY " + qualified(d.name()), d.comment()));
        m.textSearchConfigurations().forEach(c -> put(targets, comments, TextSearchSteps.configurationKey(c.name()),
                "TEXT SEARCH CONFIGURATION " + qualified(c.name()), c.comment()));
        m.aggregates().forEach(a -> put(targets, comments, AggregateSteps.key(a.name(), a.identityArguments()),
                "AGGREGATE " + AggregateSteps.signature(a), a.comment()));
        m.operators().forEach(o -> put(targets, comments, OperatorSteps.key(o), "OPERATOR " + OperatorSteps.signature(o),
                o.comment()));
        m.casts().forEach(c -> put(targets, comments, CastSteps.key(c), "CAST " + CastSteps.signature(c), c.comment()));
        m.eventTriggers().forEach(t -> put(targets, comments, EventTriggerSteps.key(t.name()),
                "EVENT TRIGGER " + quote(t.name()), t.comment()));
        m.foreignDataWrappers().forEach(w -> put(targets, comments, ForeignDataSteps.wrapperKey(w.name()),
                "FOREIGN DATA WRAPPER " + quote(w.name()), w.comment()));
        m.foreignServers().forEach(s -> put(targets, comments, ForeignDataSteps.serverKey(s.name()),
                "SERVER " + quote(s.name()), s.comment()));
        for (ForeignTable t : m.foreignTables()) {
            owners.put(DiffContext.key("table", t.name()), t.name());
            put(targets, comments, DiffContext.key("table", t.name()), "FOREIGN TABLE " + qualified(t.name()), t.comment());
            columns(targets, comments, t.name(), t.columns());
        }
        return targets;
    }

    private void columns(Map<String, String> targets, Map<String, String> comments, QualifiedName relation,
                         List<Column> columns) {
        for (Column c : columns) {
            owners.put(DiffContext.key("column", relation, c.name()), relation);
            put(targets, comments, DiffContext.key("column", relation, c.name()),
                    "COLUMN " + qualified(relation) + "." + quote(c.name()), c.comment());
        }
    }

    private static void put(Map<String, String> targets, Map<String, String> comments, String key, String target,
                            String comment) {
        targets.put(key, target);
        comments.put(key, comment);
    }
}
