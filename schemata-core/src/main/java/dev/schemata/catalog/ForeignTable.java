package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A foreign table ({@code CREATE FOREIGN TABLE}) that is neither a partition nor an inheritance child (those
 * are listed as {@link Unsupported}).
 *
 * @param columns       the columns in physical order
 * @param options       the table's options, SQL fragments {@code name 'value'}, sorted
 * @param columnOptions per column with options, {@code column OPTIONS (name 'value', …)}, sorted
 * @param checks        its {@code CHECK} constraints, {@code CONSTRAINT name CHECK (…)}, sorted
 * @param comment       the table's comment, or null
 * @param privileges    table-level privileges, sorted (column-level ones are on the columns)
 */
public record ForeignTable(QualifiedName name, List<Column> columns, String server, List<String> options,
                           List<String> columnOptions, List<String> checks, String comment, List<Privilege> privileges) {
    public ForeignTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        columns = List.copyOf(columns);
        options = Lists.sorted(options);
        columnOptions = Lists.sorted(columnOptions);
        checks = Lists.sorted(checks);
        privileges = Lists.sorted(privileges);
    }
}
