package dev.schemata.declarative;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.SchemaModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parts in which two models differ, ignoring the physical order of table columns (a plan appends
 * columns and never rewrites a table only to move one): empty when they are equal.
 */
final class ModelDifferences {
    private ModelDifferences() {
    }

    static String of(SchemaModel a, SchemaModel b) {
        Map<String, Function<SchemaModel, List<?>>> parts = new LinkedHashMap<>();
        parts.put("schemas", SchemaModel::schemas);
        parts.put("extensions", SchemaModel::extensions);
        parts.put("collations", SchemaModel::collations);
        parts.put("enums", SchemaModel::enums);
        parts.put("domains", SchemaModel::domains);
        parts.put("compositeTypes", SchemaModel::compositeTypes);
        parts.put("sequences", SchemaModel::sequences);
        parts.put("tables", m -> m.tables().stream().map(t -> List.of(t.name(), t.persistence(), sorted(t.columns()),
                String.valueOf(t.partitionKey()), String.valueOf(t.partitionOf()), String.valueOf(t.partitionBound()),
                t.inherits(), t.options(), t.rowSecurity(), t.forceRowSecurity(), t.replicaIdentity(),
                String.valueOf(t.comment()), t.privileges())).toList());
        parts.put("views", SchemaModel::views);
        parts.put("constraints", SchemaModel::constraints);
        parts.put("indexes", SchemaModel::indexes);
        parts.put("triggers", SchemaModel::triggers);
        parts.put("policies", SchemaModel::policies);
        parts.put("functions", SchemaModel::functions);
        parts.put("textSearchDictionaries", SchemaModel::textSearchDictionaries);
        parts.put("textSearchConfigurations", SchemaModel::textSearchConfigurations);
        parts.put("aggregates", SchemaModel::aggregates);
        parts.put("operators", SchemaModel::operators);
        parts.put("casts", SchemaModel::casts);
        parts.put("eventTriggers", SchemaModel::eventTriggers);
        parts.put("foreignDataWrappers", SchemaModel::foreignDataWrappers);
        parts.put("foreignServers", SchemaModel::foreignServers);
        parts.put("userMappings", SchemaModel::userMappings);
        parts.put("foreignTables", SchemaModel::foreignTables);
        parts.put("defaultPrivileges", SchemaModel::defaultPrivileges);
        StringBuilder out = new StringBuilder();
        parts.forEach((name, part) -> {
            List<?> left = part.apply(a);
            List<?> right = part.apply(b);
            if (!left.equals(right)) {
                out.append(name).append(":\n");
                left.stream().filter(x -> !right.contains(x)).forEach(x -> out.append("  got:  ").append(x).append('\n'));
                right.stream().filter(x -> !left.contains(x)).forEach(x -> out.append("  want: ").append(x).append('\n'));
            }
        });
        return out.toString();
    }

    private static List<Column> sorted(List<Column> columns) {
        List<Column> copy = new ArrayList<>(columns);
        copy.sort(Comparator.comparing(Column::name));
        return copy;
    }
}
