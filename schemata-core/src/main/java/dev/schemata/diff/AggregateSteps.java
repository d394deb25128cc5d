package dev.schemata.diff;

import dev.schemata.catalog.Aggregate;
import dev.schemata.catalog.QualifiedName;

import java.util.List;

import static dev.schemata.diff.Identifiers.qualified;

/**
 * Aggregates, keyed by name and identity arguments like functions. They are created after functions (their
 * state and final functions) and operators (their sort operator), before tables and views that use them; a
 * changed one is replaced in place with {@code CREATE OR REPLACE AGGREGATE}, which keeps the views using it.
 */
final class AggregateSteps {
    private final DiffContext ctx;

    AggregateSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String key(QualifiedName name, String identityArguments) {
        return DiffContext.key("aggregate", name, identityArguments);
    }

    static String signature(Aggregate a) {
        return qualified(a.name()) + "(" + (a.identityArguments().isEmpty() ? "*" : a.identityArguments()) + ")";
    }

    void plan() {
        Matcher.Matched<Aggregate> matched = Matcher.match(ctx.from.aggregates(), ctx.to.aggregates(),
                a -> List.of(a.name(), a.identityArguments()));
        for (Aggregate a : matched.adds()) {
            ctx.add(Phase.CREATE_AGGREGATES, a.definition());
        }
        for (Matcher.Changed<Aggregate> change : matched.alters()) {
            if (!change.from().definition().equals(change.to().definition())) {
                ctx.add(Phase.CREATE_AGGREGATES, change.to().definition().replaceFirst("^CREATE AGGREGATE",
                        "CREATE OR REPLACE AGGREGATE"), Hazard.UNTRACKED_CALLERS);
            }
        }
        for (Aggregate a : matched.drops()) {
            ctx.add(Phase.DROP_OPERATORS_AND_CASTS, "DROP AGGREGATE " + signature(a), Hazard.UNTRACKED_CALLERS);
        }
    }
}
