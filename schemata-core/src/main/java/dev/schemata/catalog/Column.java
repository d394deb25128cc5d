package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A column of a table or view, or an attribute of a composite type. A table's columns are listed in their
 * physical order (columns dropped since do not count): column order is part of the table's definition.
 *
 * @param type              the type with its modifier, as {@code format_type} prints it, e.g. {@code character varying(20)}
 * @param collation         the collation when it differs from the type's default, or null
 * @param defaultExpression the {@code DEFAULT} expression as PostgreSQL prints it, or null
 * @param notNull           whether the column is {@code NOT NULL}
 * @param identity          the identity options, or null when not an identity column
 * @param generation        the generation expression, or null when not a generated column
 * @param comment           the column's comment, or null
 * @param privileges        column-level privileges, sorted
 * @param local             whether the table declares the column itself ({@code attislocal}); false for a
 *                          column an inheritance child only inherits from its parents. A column both declared
 *                          and inherited is local: it survives when the parent drops it.
 */
public record Column(String name, String type, QualifiedName collation, String defaultExpression, boolean notNull,
                     Identity identity, Generation generation, String comment, List<Privilege> privileges,
                     boolean local) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        privileges = Lists.sorted(privileges);
    }

    public boolean isIdentity() {
        return identity != null;
    }

    public boolean isGenerated() {
        return generation != null;
    }
}
