package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Maps the rows of the relation queries (tables, columns, sequences, views) to records. */
final class RelationRows {
    private RelationRows() {
    }

    static Table table(Row row, Map<QualifiedName, List<Column>> columns, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "table_name");
        return new Table(name, persistence(row), columns.getOrDefault(name, List.of()), row.text("partition_key"),
                row.name("partition_parent_schema", "partition_parent_name"), row.text("partition_bound"),
                parents(row), row.texts("options"), row.bool("row_security"), row.bool("force_row_security"),
                replicaIdentity(row), row.text("comment"), grants.relation(name));
    }

    private static List<QualifiedName> parents(Row row) throws SQLException {
        List<String> schemas = row.texts("parent_schemas");
        List<String> names = row.texts("parent_names");
        return IntStream.range(0, names.size())
                .mapToObj(i -> new QualifiedName(schemas.get(i), names.get(i))).toList();
    }

    private static Table.ReplicaIdentity replicaIdentity(Row row) throws SQLException {
        char code = row.code("replica_identity");
        return switch (code) {
            case 'd' -> Table.ReplicaIdentity.DEFAULT;
            case 'n' -> Table.ReplicaIdentity.NOTHING;
            case 'f' -> Table.ReplicaIdentity.FULL;
            case 'i' -> Table.ReplicaIdentity.INDEX;
            default -> throw row.unknown("replica_identity", code);
        };
    }

    private static Persistence persistence(Row row) throws SQLException {
        char code = row.code("persistence");
        return switch (code) {
            case 'p' -> Persistence.LOGGED;
            case 'u' -> Persistence.UNLOGGED;
            default -> throw row.unknown("persistence", code);
        };
    }

    static Owned<Column> column(Row row, Grants grants) throws SQLException {
        QualifiedName relation = row.name("schema_name", "relation_name");
        String name = row.text("column_name");
        Column column = new Column(name, row.text("data_type"), row.name("collation_schema", "collation_name"),
                row.text("default_expression"), row.bool("not_null"), identity(row), generation(row),
                row.text("comment"), grants.column(relation, name), row.bool("local"));
        return new Owned<>(relation, column);
    }

    private static Identity identity(Row row) throws SQLException {
        char code = row.code("identity");
        Identity.Kind kind = switch (code) {
            case '\0' -> null;
            case 'a' -> Identity.Kind.ALWAYS;
            case 'd' -> Identity.Kind.BY_DEFAULT;
            default -> throw row.unknown("identity", code);
        };
        if (kind == null) {
            return null;
        }
        return new Identity(kind, new SequenceOptions(row.text("identity_data_type"), row.number("identity_start"),
                row.number("identity_increment"), row.number("identity_min"), row.number("identity_max"),
                row.number("identity_cache"), row.bool("identity_cycle")));
    }

    private static Generation generation(Row row) throws SQLException {
        char code = row.code("generated");
        return switch (code) {
            case '\0' -> null;
            case 's' -> new Generation(row.text("generation_expression"), true);
            case 'v' -> new Generation(row.text("generation_expression"), false);
            default -> throw row.unknown("generated", code);
        };
    }

    static Sequence sequence(Row row, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "sequence_name");
        SequenceOptions options = new SequenceOptions(row.text("data_type"), row.number("start_value"),
                row.number("increment"), row.number("min_value"), row.number("max_value"), row.number("cache_size"),
                row.bool("cycle"));
        QualifiedName ownerTable = row.name("owned_by_schema", "owned_by_table");
        ColumnRef ownedBy = ownerTable == null ? null : new ColumnRef(ownerTable, row.text("owned_by_column"));
        return new Sequence(name, persistence(row), options, ownedBy, row.text("comment"), grants.relation(name));
    }

    static View view(Row row, Map<QualifiedName, List<Column>> columns,
                     Map<QualifiedName, List<QualifiedName>> dependencies, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "view_name");
        return new View(name, row.bool("materialized"), row.text("definition"), columns.getOrDefault(name, List.of()),
                row.texts("options"), dependencies.getOrDefault(name, List.of()), row.text("comment"),
                grants.relation(name));
    }

    static Owned<QualifiedName> viewDependency(Row row) throws SQLException {
        return new Owned<>(row.name("schema_name", "view_name"), row.name("referenced_schema", "referenced_name"));
    }
}
