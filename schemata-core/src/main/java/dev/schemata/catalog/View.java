package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A view or materialized view. The indexes of a materialized view are listed in the {@link SchemaModel}
 * like a table's.
 *
 * @param materialized whether this is a materialized view
 * @param definition   the query as {@code pg_get_viewdef} prints it
 * @param columns      the output columns in order (with their comments, defaults and column privileges)
 * @param options      view or storage options ({@code security_barrier}, {@code check_option},
 *                     {@code security_invoker}, …) as {@code name=value}, sorted
 * @param dependsOn    the tables, views and other relations the query reads, sorted: a view must be
 *                     created after these and dropped before them
 * @param comment      the view's comment, or null
 * @param privileges   granted privileges, sorted
 */
public record View(QualifiedName name, boolean materialized, String definition, List<Column> columns,
                   List<String> options, List<QualifiedName> dependsOn, String comment,
                   List<Privilege> privileges) {
    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
        options = Lists.sorted(options);
        dependsOn = Lists.sorted(dependsOn);
        privileges = Lists.sorted(privileges);
    }
}
