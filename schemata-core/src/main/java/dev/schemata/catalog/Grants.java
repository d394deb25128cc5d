package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows of {@code privileges.sql}, looked up by the object they belong to. */
final class Grants {
    /** An object as {@code privileges.sql} names it; {@code member} is a column name or function arguments. */
    record Key(String kind, String schema, String name, String member) {
    }

    private final Map<Key, List<Privilege>> byObject;

    private Grants(Map<Key, List<Privilege>> byObject) {
        this.byObject = byObject;
    }

    static Grants of(List<Map.Entry<Key, Privilege>> rows) {
        Map<Key, List<Privilege>> byObject = new HashMap<>();
        for (Map.Entry<Key, Privilege> row : rows) {
            byObject.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        return new Grants(byObject);
    }

    static Map.Entry<Key, Privilege> row(Row row) throws SQLException {
        Key key = new Key(row.text("object_kind"), row.text("schema_name"), row.text("object_name"),
                row.text("member_name"));
        return Map.entry(key, new Privilege(row.text("grantee"), row.text("privilege_type"), row.bool("grantable")));
    }

    /**
     * Privileges read by the query of the object itself, as three parallel arrays {@code grantees},
     * {@code privilege_types} and {@code grantable} (objects outside any schema, which privileges.sql does not read).
     */
    static List<Privilege> fromArrays(Row row) throws SQLException {
        List<String> grantees = row.texts("grantees");
        List<String> types = row.texts("privilege_types");
        List<String> grantable = row.texts("grantable");
        List<Privilege> privileges = new ArrayList<>();
        for (int i = 0; i < grantees.size(); i++) {
            privileges.add(new Privilege(grantees.get(i), types.get(i), Boolean.parseBoolean(grantable.get(i))));
        }
        return privileges;
    }

    /** A row of {@code default_privileges.sql}. */
    static DefaultPrivilege defaultPrivilege(Row row) throws SQLException {
        char code = row.code("object_type");
        DefaultPrivilege.ObjectType type = switch (code) {
            case 'r' -> DefaultPrivilege.ObjectType.TABLES;
            case 'S' -> DefaultPrivilege.ObjectType.SEQUENCES;
            case 'f' -> DefaultPrivilege.ObjectType.FUNCTIONS;
            case 'T' -> DefaultPrivilege.ObjectType.TYPES;
            case 'n' -> DefaultPrivilege.ObjectType.SCHEMAS;
            default -> throw row.unknown("object_type", code);
        };
        return new DefaultPrivilege(row.text("role_name"), row.text("schema_name"), type, fromArrays(row));
    }

    List<Privilege> schema(String name) {
        return get(new Key("schema", name, name, ""));
    }

    /** A table, view, materialized view or sequence. */
    List<Privilege> relation(QualifiedName name) {
        return get(new Key("relation", name.schema(), name.name(), ""));
    }

    List<Privilege> column(QualifiedName relation, String column) {
        return get(new Key("column", relation.schema(), relation.name(), column));
    }

    List<Privilege> function(QualifiedName name, String identityArguments) {
        return get(new Key("function", name.schema(), name.name(), identityArguments));
    }

    /** An enum, domain or composite type. */
    List<Privilege> type(QualifiedName name) {
        return get(new Key("type", name.schema(), name.name(), ""));
    }

    private List<Privilege> get(Key key) {
        return byObject.getOrDefault(key, List.of());
    }
}
