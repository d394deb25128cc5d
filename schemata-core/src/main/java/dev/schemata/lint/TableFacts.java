package dev.schemata.lint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table as the database describes it before the run.
 *
 * @param name          its schema-qualified name
 * @param kind          {@code pg_class.relkind}: r table, p partitioned table, v view, m materialized view, f foreign
 * @param rows          {@code reltuples} (summed over the leaf partitions); negative when never analyzed
 * @param bytes         {@code pg_total_relation_size} (summed over the partitions)
 * @param columns       column name to type, in column order
 * @param notNull       columns declared NOT NULL
 * @param checkedNotNull columns a validated {@code CHECK (column IS NOT NULL)} covers
 * @param indexes       each index's column names in key order ("" for an expression)
 */
record TableFacts(RelationName name, String kind, double rows, long bytes, Map<String, TypeName> columns,
                  Set<String> notNull, Set<String> checkedNotNull, List<List<String>> indexes) {
    TableFacts {
        columns = Map.copyOf(columns);
        notNull = Set.copyOf(notNull);
        checkedNotNull = Set.copyOf(checkedNotNull);
        indexes = indexes.stream().map(List::copyOf).toList();
    }

    boolean isPartitioned() {
        return kind.equals("p");
    }
}
