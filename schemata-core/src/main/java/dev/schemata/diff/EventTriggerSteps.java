package dev.schemata.diff;

import dev.schemata.catalog.EventTrigger;

import java.util.stream.Collectors;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Event triggers. They fire on DDL, so a plan drops (or recreates) them first and creates them last, as
 * pg_dump does: none of them fires on the plan's own statements (those the plan leaves alone fire as on any
 * DDL). One whose function is dropped and created again is recreated with it.
 */
final class EventTriggerSteps {
    private final DiffContext ctx;

    EventTriggerSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String key(String name) {
        return DiffContext.key("event trigger", name);
    }

    void plan() {
        Matcher.Matched<EventTrigger> matched = Matcher.match(ctx.from.eventTriggers(), ctx.to.eventTriggers(),
                EventTrigger::name);
        for (EventTrigger t : matched.adds()) {
            create(t);
        }
        for (EventTrigger t : matched.unchanged()) {
            if (ctx.isRecreated(FunctionSteps.key(t.function(), ""))) {
                recreate(t, t);
            }
        }
        for (Matcher.Changed<EventTrigger> change : matched.alters()) {
            EventTrigger a = change.from();
            EventTrigger b = change.to();
            boolean onlyEnabled = a.event().equals(b.event()) && a.tags().equals(b.tags())
                    && a.function().equals(b.function()) && !ctx.isRecreated(FunctionSteps.key(b.function(), ""));
            if (!onlyEnabled) {
                recreate(a, b);
            } else if (a.enabled() != b.enabled()) {
                ctx.add(Phase.CREATE_EVENT_TRIGGERS, enable(b));
            }
        }
        for (EventTrigger t : matched.drops()) {
            ctx.add(Phase.DROP_EVENT_TRIGGERS, "DROP EVENT TRIGGER " + quote(t.name()));
        }
    }

    private void recreate(EventTrigger a, EventTrigger b) {
        ctx.markRecreated(key(b.name()));
        ctx.add(Phase.DROP_EVENT_TRIGGERS, "DROP EVENT TRIGGER " + quote(a.name()));
        create(b);
    }

    private void create(EventTrigger t) {
        String tags = t.tags().isEmpty() ? ""
                : " WHEN TAG IN (" + t.tags().stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ")";
        ctx.add(Phase.CREATE_EVENT_TRIGGERS, "CREATE EVENT TRIGGER " + quote(t.name()) + " ON " + quote(t.event()) + tags
                + " EXECUTE FUNCTION " + qualified(t.function()) + "()");
        if (t.enabled() != EventTrigger.Enabled.ORIGIN) {
            ctx.add(Phase.CREATE_EVENT_TRIGGERS, enable(t));
        }
    }

    private static String enable(EventTrigger t) {
        String state = switch (t.enabled()) {
            case ORIGIN -> "ENABLE";
            case DISABLED -> "DISABLE";
            case REPLICA -> "ENABLE REPLICA";
            case ALWAYS -> "ENABLE ALWAYS";
        };
        return "ALTER EVENT TRIGGER " + quote(t.name()) + " " + state;
    }
}
