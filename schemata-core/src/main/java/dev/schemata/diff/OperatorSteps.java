package dev.schemata.diff;

import dev.schemata.catalog.Operator;
import dev.schemata.catalog.QualifiedName;

import java.util.Arrays;

import static dev.schemata.diff.Identifiers.quote;

/**
 * Operators, keyed by name and operand types. They are created after the functions they call and before
 * aggregates (a sort operator) and tables (index and check expressions); a changed one is dropped and
 * created again, which fails while an index or view still uses it. An operator that names another as its
 * commutator or negator before that one exists leaves a shell, which the other's definition fills in.
 */
final class OperatorSteps {
    private final DiffContext ctx;

    OperatorSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String key(Operator o) {
        return DiffContext.key("operator", o.name(), o.operands());
    }

    /** {@code schema.name (left, right)}: an operator's name is never quoted. */
    static String signature(Operator o) {
        return name(o.name()) + " " + o.operands();
    }

    private static String name(QualifiedName name) {
        return quote(name.schema()) + "." + name.name();
    }

    void plan() {
        Matcher.Matched<Operator> matched = Matcher.match(ctx.from.operators(), ctx.to.operators(),
                o -> Arrays.asList(o.name(), o.operands()));
        for (Operator o : matched.adds()) {
            ctx.add(Phase.CREATE_OPERATORS, create(o));
        }
        for (Matcher.Changed<Operator> change : matched.alters()) {
            if (!change.from().options().equals(change.to().options())) {
                ctx.markRecreated(key(change.to()));
                ctx.add(Phase.CREATE_OPERATORS, drop(change.from()), Hazard.UNTRACKED_CALLERS);
                ctx.add(Phase.CREATE_OPERATORS, create(change.to()));
            }
        }
        for (Operator o : matched.drops()) {
            ctx.add(Phase.DROP_OPERATORS_AND_CASTS, drop(o), Hazard.UNTRACKED_CALLERS);
        }
    }

    private static String create(Operator o) {
        return "CREATE OPERATOR " + name(o.name()) + " (" + o.options() + ")";
    }

    private static String drop(Operator o) {
        return "DROP OPERATOR " + signature(o);
    }
}
