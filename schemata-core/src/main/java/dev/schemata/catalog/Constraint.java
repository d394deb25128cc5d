package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table constraint. Constraints a partition or an inheritance child gets from its parent are not listed
 * (they come with the parent's). {@code NOT NULL} is a property of the {@link Column}.
 *
 * @param table             the table the constraint is on
 * @param definition        the constraint as {@code pg_get_constraintdef} prints it, e.g.
 *                          {@code FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE}
 * @param columns           the constrained columns in key order; empty for a check on an expression
 * @param deferrable        {@code DEFERRABLE}
 * @param initiallyDeferred {@code INITIALLY DEFERRED}
 * @param validated         false when added {@code NOT VALID} and not validated since
 * @param foreignKey        for a foreign key, what it refers to; null otherwise
 * @param comment           the constraint's comment, or null
 */
public record Constraint(QualifiedName table, String name, Kind kind, String definition, List<String> columns,
                         boolean deferrable, boolean initiallyDeferred, boolean validated, ForeignKey foreignKey,
                         String comment) {

    /** The constraint type ({@code contype} {@code p}, {@code u}, {@code f}, {@code c}, {@code x}). */
    public enum Kind {
        PRIMARY_KEY,
        UNIQUE,
        FOREIGN_KEY,
        CHECK,
        EXCLUSION
    }

    public Constraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
        if ((kind == Kind.FOREIGN_KEY) != (foreignKey != null)) {
            throw new IllegalArgumentException("constraint " + name + " on " + table
                    + ": foreign key details are required for, and only for, a foreign key");
        }
    }

    public boolean isPrimaryKey() {
        return kind == Kind.PRIMARY_KEY;
    }

    public boolean isForeignKey() {
        return kind == Kind.FOREIGN_KEY;
    }
}
