package dev.schemata.diff;

import dev.schemata.catalog.Policy;
import dev.schemata.catalog.Privilege;

import java.util.List;
import java.util.Objects;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Row-level security policies. A changed policy is dropped and created again in the same transaction (the
 * command and permissiveness cannot be altered). Every policy change changes who sees which rows, so each
 * step on a table that already exists carries {@link HazardKind#AUTHZ_CHANGE}.
 */
final class PolicySteps {
    private final DiffContext ctx;

    PolicySteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<Policy> matched = Matcher.match(ctx.from.policies(), ctx.to.policies(),
                p -> List.of(p.table(), p.name()));
        for (Policy p : matched.drops()) {
            if (!ctx.isGone(p.table())) {
                drop(p);
            }
        }
        matched.adds().forEach(this::create);
        for (Matcher.Changed<Policy> change : matched.alters()) {
            Policy a = change.from();
            Policy b = change.to();
            if (ctx.isGone(b.table())) {
                create(b);
            } else if (!withoutComment(a).equals(withoutComment(b)) || mentionsRecreated(b)) {
                drop(a);
                create(b);
            }
        }
        for (Policy p : matched.unchanged()) {
            if (ctx.isGone(p.table())) {
                create(p);
            } else if (mentionsRecreated(p)) {
                drop(p);
                create(p);
            }
        }
    }

    private boolean mentionsRecreated(Policy p) {
        return ctx.mentionsRecreatedColumn(p.table(), Objects.toString(p.using(), "") + " " + Objects.toString(p.withCheck(), ""));
    }

    private static Policy withoutComment(Policy p) {
        return new Policy(p.table(), p.name(), p.command(), p.permissive(), p.roles(), p.using(), p.withCheck(), null);
    }

    private void drop(Policy p) {
        ctx.markRecreated(DiffContext.key("policy", p.table(), p.name()));
        ctx.addLocking(Phase.DROP_POLICIES, "DROP POLICY " + quote(p.name()) + " ON " + qualified(p.table()),
                Hazard.CHANGES_ROW_SECURITY);
    }

    private void create(Policy p) {
        ctx.markRecreated(DiffContext.key("policy", p.table(), p.name()));
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(quote(p.name())).append(" ON ")
                .append(qualified(p.table())).append(p.permissive() ? " AS PERMISSIVE" : " AS RESTRICTIVE")
                .append(" FOR ").append(p.command().name())
                .append(" TO ").append(String.join(", ", p.roles().stream().map(PolicySteps::role).toList()));
        if (p.using() != null) {
            sql.append(" USING (").append(p.using()).append(')');
        }
        if (p.withCheck() != null) {
            sql.append(" WITH CHECK (").append(p.withCheck()).append(')');
        }
        if (ctx.isNewRelation(p.table())) {
            ctx.add(Phase.CREATE_POLICIES, sql.toString());
        } else {
            ctx.addLocking(Phase.CREATE_POLICIES, sql.toString(), Hazard.CHANGES_ROW_SECURITY);
        }
    }

    static String role(String name) {
        return name.equals(Privilege.PUBLIC) ? "PUBLIC" : quote(name);
    }
}
