package dev.schemata.diff;

import dev.schemata.catalog.Function;
import dev.schemata.catalog.QualifiedName;

import java.util.List;
import java.util.Objects;

import static dev.schemata.diff.Identifiers.qualified;

/**
 * Functions and procedures, keyed by name and identity arguments. A changed body or attribute is replaced
 * in place with PostgreSQL's own {@code CREATE OR REPLACE} text; a changed result type, argument list
 * (names or defaults) or kind cannot be replaced and is dropped and created again, together with the
 * triggers that call it.
 *
 * <p>Functions are created before tables (bodies are not checked while a plan runs, see {@link
 * Plan#script()}), except those whose signature names a table or view and those with a SQL-standard body
 * ({@code BEGIN ATOMIC}), which PostgreSQL resolves at once: they come after tables and before views.
 */
final class FunctionSteps {
    private final DiffContext ctx;

    FunctionSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String key(QualifiedName name, String identityArguments) {
        return DiffContext.key("function", name, identityArguments);
    }

    void plan() {
        Matcher.Matched<Function> matched = Matcher.match(ctx.from.functions(), ctx.to.functions(),
                f -> List.of(f.name(), f.identityArguments()));
        for (Function f : matched.drops()) {
            ctx.add(Phase.DROP_FUNCTIONS, drop(f), Hazard.UNTRACKED_CALLERS);
        }
        for (Function f : matched.adds()) {
            create(f);
        }
        for (Matcher.Changed<Function> change : matched.alters()) {
            Function a = change.from();
            Function b = change.to();
            if (a.definition().equals(b.definition())) {
                continue; // only the comment or privileges differ
            }
            boolean replaceable = a.kind() == b.kind() && Objects.equals(a.result(), b.result())
                    && a.arguments().equals(b.arguments());
            if (replaceable) {
                ctx.add(phase(b), definition(b), Hazard.UNTRACKED_CALLERS);
            } else {
                ctx.markRecreated(key(b.name(), b.identityArguments()));
                ctx.add(Phase.DROP_REPLACED_FUNCTIONS, drop(a), Hazard.UNTRACKED_CALLERS);
                create(b);
            }
        }
    }

    private void create(Function f) {
        ctx.add(phase(f), definition(f));
    }

    private Phase phase(Function f) {
        if (f.definition().contains("BEGIN ATOMIC")) {
            return Phase.CREATE_LATE_FUNCTIONS;
        }
        String signature = f.arguments() + " " + (f.result() == null ? "" : f.result());
        for (QualifiedName relation : ctx.toTables.keySet()) {
            if (names(signature, relation)) {
                return Phase.CREATE_LATE_FUNCTIONS;
            }
        }
        for (QualifiedName relation : ctx.toViews.keySet()) {
            if (names(signature, relation)) {
                return Phase.CREATE_LATE_FUNCTIONS;
            }
        }
        return Phase.CREATE_FUNCTIONS;
    }

    /** Whether the signature names the relation as a whole name: {@code public.m} is not in {@code public.mood}. */
    private static boolean names(String signature, QualifiedName relation) {
        return DiffContext.containsWord(signature, qualified(relation));
    }

    private static String definition(Function f) {
        return f.definition().stripTrailing();
    }

    static String signature(Function f) {
        return qualified(f.name()) + "(" + f.identityArguments() + ")";
    }

    static String objectType(Function f) {
        return f.isProcedure() ? "PROCEDURE" : "FUNCTION";
    }

    private static String drop(Function f) {
        return "DROP " + objectType(f) + " " + signature(f);
    }
}
