package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An enum type.
 *
 * @param labels     the labels in their sort order (which is the declared order, not alphabetical)
 * @param comment    the type's comment, or null
 * @param privileges granted privileges, sorted
 */
public record EnumType(QualifiedName name, List<String> labels, String comment, List<Privilege> privileges) {
    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        privileges = Lists.sorted(privileges);
    }
}
