package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An aggregate function ({@code CREATE AGGREGATE}), keyed like a function by name and identity arguments.
 * PostgreSQL cannot print an aggregate's definition, so the catalog query builds the statement from
 * {@code pg_aggregate} with every attribute written out: equal aggregates have equal text.
 *
 * @param identityArguments as {@code pg_get_function_identity_arguments} prints them
 * @param definition        the whole {@code CREATE AGGREGATE} statement
 * @param comment           the aggregate's comment, or null
 * @param privileges        granted privileges, sorted
 */
public record Aggregate(QualifiedName name, String identityArguments, String definition, String comment,
                        List<Privilege> privileges) {
    public Aggregate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityArguments, "identityArguments");
        Objects.requireNonNull(definition, "definition");
        privileges = Lists.sorted(privileges);
    }

    /** {@code schema.name(identity arguments)}, unquoted: for messages, not for SQL. */
    public String signature() {
        return name + "(" + identityArguments + ")";
    }
}
