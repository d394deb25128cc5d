package dev.schemata.catalog;

import java.util.Objects;

/**
 * A {@code CHECK} constraint of a domain.
 *
 * @param definition the constraint as {@code pg_get_constraintdef} prints it, e.g. {@code CHECK ((VALUE > 0))}
 * @param validated  false when added {@code NOT VALID} and not validated since
 * @param comment    the constraint's comment, or null
 */
public record DomainConstraint(String name, String definition, boolean validated, String comment) {
    public DomainConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
