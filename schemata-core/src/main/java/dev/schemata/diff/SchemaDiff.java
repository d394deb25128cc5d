package dev.schemata.diff;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Unsupported;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plans the steps that take a database whose schema is {@code from} to the schema {@code to}.
 *
 * <p>Both models must come from the same PostgreSQL major version, so that the texts the server prints
 * (index, constraint, view and function definitions) compare equal when the objects are equal. The
 * generators run in a fixed order, because later ones ask what earlier ones decided: tables before the
 * sequences they own and the views that read them, keys and checks before indexes, indexes before the
 * foreign keys that rely on unique indexes, foreign tables before the views that read them, and comments
 * and privileges last, once it is known which objects are created afresh.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    public static Plan plan(SchemaModel from, SchemaModel to, PlanOptions options) {
        Objects.requireNonNull(options, "options");
        SchemaModel source = without(Objects.requireNonNull(from, "from"), options.ignored());
        SchemaModel target = without(Objects.requireNonNull(to, "to"), options.ignored());
        DiffContext ctx = new DiffContext(source, target, options);
        new SchemaSteps(ctx).plan();
        new ExtensionSteps(ctx).plan();
        new TypeSteps(ctx).plan();
        new TableSteps(ctx).plan();
        new SequenceSteps(ctx).plan();
        new FunctionSteps(ctx).plan();
        new TextSearchSteps(ctx).plan();
        new OperatorSteps(ctx).plan();
        new AggregateSteps(ctx).plan();
        new CastSteps(ctx).plan();
        new ForeignDataSteps(ctx).plan();
        new ForeignTableSteps(ctx).plan();
        new ViewSteps(ctx).plan();
        ConstraintSteps constraints = new ConstraintSteps(ctx);
        constraints.planKeysAndChecks();
        new IndexSteps(ctx).plan();
        constraints.planForeignKeys();
        new TriggerSteps(ctx).plan();
        new PolicySteps(ctx).plan();
        new EventTriggerSteps(ctx).plan();
        new CommentSteps(ctx).plan();
        new PrivilegeSteps(ctx).plan();
        List<String> skipped = new ArrayList<>(ctx.unplanned());
        for (Unsupported u : source.unsupported()) {
            skipped.add(u.kind() + " " + u.name());
        }
        for (Unsupported u : target.unsupported()) {
            skipped.add(u.kind() + " " + u.name());
        }
        return new Plan(ctx.ordered(), null, skipped);
    }

    /**
     * The model without the given tables and whatever belongs to them, and without a schema that held
     * nothing but them (a history table kept in a schema of its own).
     */
    public static SchemaModel without(SchemaModel m, Set<QualifiedName> tables) {
        if (tables.isEmpty()) {
            return m;
        }
        Set<String> onlyIgnored = new java.util.HashSet<>();
        for (QualifiedName table : tables) {
            String schema = table.schema();
            boolean other = m.tables().stream().anyMatch(t -> t.name().schema().equals(schema) && !tables.contains(t.name()))
                    || m.views().stream().anyMatch(v -> v.name().schema().equals(schema))
                    || m.functions().stream().anyMatch(f -> f.name().schema().equals(schema))
                    || m.enums().stream().anyMatch(e -> e.name().schema().equals(schema))
                    || m.domains().stream().anyMatch(d -> d.name().schema().equals(schema))
                    || m.compositeTypes().stream().anyMatch(c -> c.name().schema().equals(schema))
                    || m.aggregates().stream().anyMatch(a -> a.name().schema().equals(schema))
                    || m.operators().stream().anyMatch(o -> o.name().schema().equals(schema))
                    || m.textSearchDictionaries().stream().anyMatch(d -> d.name().schema().equals(schema))
                    || m.textSearchConfigurations().stream().anyMatch(c -> c.name().schema().equals(schema))
                    || m.foreignTables().stream().anyMatch(t -> t.name().schema().equals(schema))
                    || m.sequences().stream().anyMatch(q -> q.name().schema().equals(schema)
                    && (q.ownedBy() == null || !tables.contains(q.ownedBy().table())));
            if (!other && !schema.equals("public")) {
                onlyIgnored.add(schema);
            }
        }
        var schemas = m.schemas().stream().filter(s -> !onlyIgnored.contains(s.name())).toList();
        var sequences = m.sequences().stream().filter(s -> s.ownedBy() == null || !tables.contains(s.ownedBy().table())).toList();
        var kept = m.tables().stream().filter(t -> !tables.contains(t.name())).toList();
        var constraints = m.constraints().stream().filter(c -> !tables.contains(c.table())).toList();
        var indexes = m.indexes().stream().filter(i -> !tables.contains(i.table())).toList();
        var triggers = m.triggers().stream().filter(t -> !tables.contains(t.table())).toList();
        var policies = m.policies().stream().filter(p -> !tables.contains(p.table())).toList();
        if (schemas.size() == m.schemas().size() && sequences.size() == m.sequences().size() && kept.size() == m.tables().size()
                && constraints.size() == m.constraints().size() && indexes.size() == m.indexes().size()
                && triggers.size() == m.triggers().size() && policies.size() == m.policies().size()) {
            return m; // none of them is there (a model without the history table): no new model to sort
        }
        return new SchemaModel(schemas, m.extensions(), m.collations(), m.enums(), m.domains(), m.compositeTypes(),
                sequences, kept, m.views(), constraints, indexes, triggers, policies,
                m.functions(), m.textSearchDictionaries(), m.textSearchConfigurations(), m.aggregates(), m.operators(),
                m.casts(), m.eventTriggers(), m.foreignDataWrappers(), m.foreignServers(), m.userMappings(),
                m.foreignTables(), m.defaultPrivileges(), m.unsupported());
    }
}
