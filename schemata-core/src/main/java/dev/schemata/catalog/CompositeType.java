package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A composite type created with {@code CREATE TYPE … AS (…)} (not the row type every table has).
 *
 * @param attributes the attributes in declared order; only name, type, collation and comment apply
 * @param comment    the type's comment, or null
 * @param privileges granted privileges, sorted
 */
public record CompositeType(QualifiedName name, List<Column> attributes, String comment,
                            List<Privilege> privileges) {
    public CompositeType {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        privileges = Lists.sorted(privileges);
    }
}
