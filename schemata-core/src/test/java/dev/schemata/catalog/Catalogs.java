package dev.schemata.catalog;

import dev.schemata.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Shortcuts for the catalog tests: build a database from DDL and read its model. */
final class Catalogs {
    private Catalogs() {
    }

    static SchemaModel read(TestDatabase db) {
        return read(db, SchemaFilter.all());
    }

    static SchemaModel read(TestDatabase db, SchemaFilter filter) {
        try (Connection connection = db.connect()) {
            return CatalogReader.read(connection, filter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the DDL to the (fresh) database, then reads every schema. */
    static SchemaModel build(TestDatabase db, String ddl) {
        db.execute(ddl);
        return read(db);
    }

    static QualifiedName pub(String name) {
        return QualifiedName.of("public", name);
    }

    /** Creates a role once per test cluster (roles are cluster-wide, databases are per test). */
    static void role(TestDatabase db, String name) {
        db.execute("DO $$ BEGIN CREATE ROLE " + name + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    /** Each part of the model by name, to show which parts two models differ in. */
    static Map<String, Object> parts(SchemaModel model) {
        Map<String, Function<SchemaModel, List<?>>> accessors = new LinkedHashMap<>();
        accessors.put("schemas", SchemaModel::schemas);
        accessors.put("extensions", SchemaModel::extensions);
        accessors.put("collations", SchemaModel::collations);
        accessors.put("enums", SchemaModel::enums);
        accessors.put("domains", SchemaModel::domains);
        accessors.put("compositeTypes", SchemaModel::compositeTypes);
        accessors.put("sequences", SchemaModel::sequences);
        accessors.put("tables", SchemaModel::tables);
        accessors.put("views", SchemaModel::views);
        accessors.put("constraints", SchemaModel::constraints);
        accessors.put("indexes", SchemaModel::indexes);
        accessors.put("triggers", SchemaModel::triggers);
        accessors.put("policies", SchemaModel::policies);
        accessors.put("functions", SchemaModel::functions);
        accessors.put("textSearchDictionaries", SchemaModel::textSearchDictionaries);
        accessors.put("textSearchConfigurations", SchemaModel::textSearchConfigurations);
        accessors.put("aggregates", SchemaModel::aggregates);
        accessors.put("operators", SchemaModel::operators);
        accessors.put("casts", SchemaModel::casts);
        accessors.put("eventTriggers", SchemaModel::eventTriggers);
        accessors.put("foreignDataWrappers", SchemaModel::foreignDataWrappers);
        accessors.put("foreignServers", SchemaModel::foreignServers);
        accessors.put("userMappings", SchemaModel::userMappings);
        accessors.put("foreignTables", SchemaModel::foreignTables);
        accessors.put("defaultPrivileges", SchemaModel::defaultPrivileges);
        accessors.put("unsupported", SchemaModel::unsupported);
        Map<String, Object> parts = new LinkedHashMap<>();
        accessors.forEach((name, accessor) -> parts.put(name, accessor.apply(model)));
        return parts;
    }

    /** The names of the parts in which two models differ. */
    static List<String> differingParts(SchemaModel a, SchemaModel b) {
        Map<String, Object> left = parts(a);
        Map<String, Object> right = parts(b);
        return left.keySet().stream().filter(name -> !left.get(name).equals(right.get(name))).toList();
    }
}
