package dev.schemata.catalog;

import java.util.Objects;

/**
 * A trigger on a table or view, including constraint triggers. The triggers PostgreSQL creates itself
 * (for foreign keys) and the copies a partition gets from its parent's trigger are not listed.
 *
 * @param table      the table or view the trigger is on
 * @param definition the {@code CREATE [CONSTRAINT] TRIGGER} statement as {@code pg_get_triggerdef} prints it
 * @param function   the trigger function
 * @param comment    the trigger's comment, or null
 */
public record Trigger(QualifiedName table, String name, String definition, State state, QualifiedName function,
                      String comment) {

    /** When the trigger fires ({@code tgenabled}), set by {@code ALTER TABLE … ENABLE|DISABLE TRIGGER}. */
    public enum State {
        /** {@code O}: fires in the origin and local session replication roles (the default). */
        ENABLED,
        /** {@code D}: never fires. */
        DISABLED,
        /** {@code R}: {@code ENABLE REPLICA}, fires only in the replica role. */
        REPLICA,
        /** {@code A}: {@code ENABLE ALWAYS}, fires in every role. */
        ALWAYS
    }

    public Trigger {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(function, "function");
    }
}
