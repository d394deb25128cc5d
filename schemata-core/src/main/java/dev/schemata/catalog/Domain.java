package dev.schemata.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A domain.
 *
 * @param baseType          the underlying type with its modifier, as {@code format_type} prints it
 * @param collation         the collation when it differs from the base type's, or null
 * @param defaultExpression the default expression as PostgreSQL prints it, or null
 * @param notNull           whether the domain is {@code NOT NULL}
 * @param constraints       the {@code CHECK} constraints, sorted by name
 * @param comment           the domain's comment, or null
 * @param privileges        granted privileges, sorted
 */
public record Domain(QualifiedName name, String baseType, QualifiedName collation, String defaultExpression,
                     boolean notNull, List<DomainConstraint> constraints, String comment,
                     List<Privilege> privileges) {
    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        constraints = Lists.sorted(constraints, Comparator.comparing(DomainConstraint::name));
        privileges = Lists.sorted(privileges);
    }
}
