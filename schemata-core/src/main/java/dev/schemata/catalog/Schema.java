package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A schema (namespace).
 *
 * @param comment    the {@code COMMENT ON SCHEMA} text, or null
 * @param privileges granted privileges, sorted
 */
public record Schema(String name, String comment, List<Privilege> privileges) {
    public Schema {
        Objects.requireNonNull(name, "name");
        privileges = Lists.sorted(privileges);
    }
}
