package dev.schemata.diff;

import dev.schemata.catalog.Cast;

import java.util.List;
import java.util.Objects;

/**
 * Casts created with {@code CREATE CAST}, keyed by source and target type. They are created after the
 * functions they call and before tables (defaults, index and check expressions may cast); a changed one is
 * dropped and created again.
 */
final class CastSteps {
    private final DiffContext ctx;

    CastSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String key(Cast c) {
        return DiffContext.key("cast", c.source(), c.target());
    }

    /** {@code (source AS target)}, as DROP CAST and COMMENT ON CAST name a cast. */
    static String signature(Cast c) {
        return "(" + c.source() + " AS " + c.target() + ")";
    }

    void plan() {
        Matcher.Matched<Cast> matched = Matcher.match(ctx.from.casts(), ctx.to.casts(), c -> List.of(c.source(), c.target()));
        for (Cast c : matched.adds()) {
            ctx.add(Phase.CREATE_CASTS, create(c));
        }
        for (Matcher.Changed<Cast> change : matched.alters()) {
            Cast a = change.from();
            Cast b = change.to();
            if (a.method() != b.method() || a.context() != b.context() || !Objects.equals(a.function(), b.function())) {
                ctx.markRecreated(key(b));
                ctx.add(Phase.CREATE_CASTS, "DROP CAST " + signature(a), Hazard.UNTRACKED_CALLERS);
                ctx.add(Phase.CREATE_CASTS, create(b));
            }
        }
        for (Cast c : matched.drops()) {
            ctx.add(Phase.DROP_OPERATORS_AND_CASTS, "DROP CAST " + signature(c), Hazard.UNTRACKED_CALLERS);
        }
    }

    private static String create(Cast c) {
        String how = switch (c.method()) {
            case FUNCTION -> "WITH FUNCTION " + c.function();
            case BINARY -> "WITHOUT FUNCTION";
            case INOUT -> "WITH INOUT";
        };
        String context = switch (c.context()) {
            case EXPLICIT -> "";
            case ASSIGNMENT -> " AS ASSIGNMENT";
            case IMPLICIT -> " AS IMPLICIT";
        };
        return "CREATE CAST " + signature(c) + " " + how + context;
    }
}
