package dev.schemata.diff;

import dev.schemata.catalog.Function;
import dev.schemata.catalog.Trigger;

import java.util.List;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Triggers, created from PostgreSQL's own {@code pg_get_triggerdef} text after the functions they call and
 * the tables or views they sit on. A changed trigger is dropped and created again in the same transaction;
 * so is one whose function or table is recreated. Enabling or disabling is an {@code ALTER TABLE}.
 */
final class TriggerSteps {
    private final DiffContext ctx;

    TriggerSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<Trigger> matched = Matcher.match(ctx.from.triggers(), ctx.to.triggers(),
                t -> List.of(t.table(), t.name()));
        for (Trigger t : matched.drops()) {
            if (!ctx.isGone(t.table())) {
                drop(t);
            }
        }
        matched.adds().forEach(this::create);
        for (Matcher.Changed<Trigger> change : matched.alters()) {
            Trigger a = change.from();
            Trigger b = change.to();
            if (ctx.isGone(b.table())) {
                create(b);
            } else if (!a.definition().equals(b.definition()) || functionRecreated(b)) {
                drop(a);
                create(b);
            } else if (a.state() != b.state()) {
                state(b);
            }
        }
        for (Trigger t : matched.unchanged()) {
            if (ctx.isGone(t.table())) {
                create(t);
            } else if (functionRecreated(t)) {
                drop(t);
                create(t);
            }
        }
    }

    private boolean functionRecreated(Trigger t) {
        for (Function f : ctx.to.functions(t.function())) {
            if (ctx.isRecreated(FunctionSteps.key(f.name(), f.identityArguments()))) {
                return true;
            }
        }
        return false;
    }

    private void drop(Trigger t) {
        ctx.markRecreated(DiffContext.key("trigger", t.table(), t.name()));
        ctx.addLocking(Phase.DROP_TRIGGERS, "DROP TRIGGER " + quote(t.name()) + " ON " + qualified(t.table()));
    }

    private void create(Trigger t) {
        ctx.markRecreated(DiffContext.key("trigger", t.table(), t.name()));
        if (ctx.isNewRelation(t.table())) {
            ctx.add(Phase.CREATE_TRIGGERS, t.definition());
        } else {
            ctx.addLocking(Phase.CREATE_TRIGGERS, t.definition());
        }
        if (t.state() != Trigger.State.ENABLED) {
            state(t);
        }
    }

    private void state(Trigger t) {
        String action = switch (t.state()) {
            case ENABLED -> "ENABLE";
            case DISABLED -> "DISABLE";
            case REPLICA -> "ENABLE REPLICA";
            case ALWAYS -> "ENABLE ALWAYS";
        };
        ctx.addLocking(Phase.ALTER_TRIGGERS, "ALTER TABLE " + qualified(t.table()) + " " + action + " TRIGGER " + quote(t.name()));
    }
}
