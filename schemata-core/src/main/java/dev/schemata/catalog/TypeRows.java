package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Maps the rows of the type queries (collations, enums, domains, composite types) to records. */
final class TypeRows {
    private TypeRows() {
    }

    static Collation collation(Row row) throws SQLException {
        return new Collation(row.name("schema_name", "collation_name"), provider(row), row.text("lc_collate"),
                row.text("lc_ctype"), row.text("locale"), row.text("icu_rules"), row.bool("deterministic"),
                row.text("comment"));
    }

    private static String provider(Row row) throws SQLException {
        char code = row.code("provider");
        return switch (code) {
            case 'c' -> "libc";
            case 'i' -> "icu";
            case 'b' -> "builtin";
            case 'd' -> "default";
            default -> throw row.unknown("provider", code);
        };
    }

    static EnumType enumType(Row row, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "type_name");
        return new EnumType(name, row.texts("labels"), row.text("comment"), grants.type(name));
    }

    static Domain domain(Row row, Map<QualifiedName, List<DomainConstraint>> constraints, Grants grants)
            throws SQLException {
        QualifiedName name = row.name("schema_name", "domain_name");
        return new Domain(name, row.text("base_type"), row.name("collation_schema", "collation_name"),
                row.text("default_expression"), row.bool("not_null"), constraints.getOrDefault(name, List.of()),
                row.text("comment"), grants.type(name));
    }

    static Owned<DomainConstraint> domainConstraint(Row row) throws SQLException {
        return new Owned<>(row.name("schema_name", "domain_name"), new DomainConstraint(
                row.text("constraint_name"), row.text("definition"), row.bool("validated"), row.text("comment")));
    }

    static CompositeType compositeType(Row row, Map<QualifiedName, List<Column>> columns, Grants grants)
            throws SQLException {
        QualifiedName name = row.name("schema_name", "type_name");
        return new CompositeType(name, columns.getOrDefault(name, List.of()), row.text("comment"),
                grants.type(name));
    }
}
