package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The privileges that objects a role creates later get ({@code ALTER DEFAULT PRIVILEGES}), for one kind of
 * object, in one schema or in the whole database.
 *
 * @param role       the role whose new objects get them
 * @param schema     the schema, or null for the whole database (which replaces PostgreSQL's built-in default
 *                   instead of adding to it)
 * @param privileges the privileges granted to other roles, sorted
 */
public record DefaultPrivilege(String role, String schema, ObjectType objectType, List<Privilege> privileges) {

    /** {@code defaclobjtype} {@code r}, {@code S}, {@code f}, {@code T}, {@code n}, as {@code ON …} names them. */
    public enum ObjectType {
        TABLES,
        SEQUENCES,
        FUNCTIONS,
        TYPES,
        SCHEMAS
    }

    public DefaultPrivilege {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(objectType, "objectType");
        privileges = Lists.sorted(privileges);
    }
}
