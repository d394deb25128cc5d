package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An event trigger ({@code CREATE EVENT TRIGGER}); database-wide, read with the schema of its function.
 *
 * @param event    e.g. {@code ddl_command_end}
 * @param tags     the command tags of its {@code WHEN TAG IN (…)} filter, sorted; empty when it fires for all
 * @param function the function it executes (which takes no arguments)
 * @param comment  the event trigger's comment, or null
 */
public record EventTrigger(String name, String event, List<String> tags, QualifiedName function, Enabled enabled,
                           String comment) {

    /** {@code evtenabled} {@code O}, {@code D}, {@code R}, {@code A}, as {@code ALTER EVENT TRIGGER} sets it. */
    public enum Enabled {
        /** {@code ENABLE}: fires in origin and local sessions. */
        ORIGIN,
        DISABLED,
        REPLICA,
        ALWAYS
    }

    public EventTrigger {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(enabled, "enabled");
        tags = Lists.sorted(tags);
    }
}
