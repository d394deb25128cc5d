package dev.schemata.diff;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.Column;
import dev.schemata.catalog.CompositeType;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.catalog.TypeCasts;
import dev.schemata.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test helpers: read a database's model, and compare models the way a plan can make them equal. */
final class Models {
    private Models() {
    }

    static SchemaModel read(TestDatabase db) {
        try (Connection c = db.connect()) {
            return CatalogReader.read(c, SchemaFilter.all());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SchemaModel build(TestDatabase db, String ddl) {
        if (!ddl.isBlank()) {
            db.execute(ddl);
        }
        return read(db);
    }

    static Plan plan(SchemaModel from, SchemaModel to, boolean online) {
        return SchemaDiff.plan(from, to, PlanOptions.defaults().withOnline(online));
    }

    /** A plan that knows the server's casts, as the commands' plans do. */
    static Plan plan(SchemaModel from, SchemaModel to, boolean online, TypeCasts casts) {
        return SchemaDiff.plan(from, to, PlanOptions.defaults().withOnline(online).withCasts(casts));
    }

    static TypeCasts casts(TestDatabase db) {
        try (Connection c = db.connect()) {
            return TypeCasts.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The model with table columns and composite attributes in name order: a plan appends the columns it
     * adds, and never rewrites a table only to move a column.
     */
    static SchemaModel normalized(SchemaModel m) {
        List<Table> tables = m.tables().stream().map(t -> new Table(t.name(), t.persistence(), byName(t.columns()),
                t.partitionKey(), t.partitionOf(), t.partitionBound(), t.inherits(), t.options(), t.rowSecurity(),
                t.forceRowSecurity(), t.replicaIdentity(), t.comment(), t.privileges())).toList();
        List<CompositeType> types = m.compositeTypes().stream()
                .map(t -> new CompositeType(t.name(), byName(t.attributes()), t.comment(), t.privileges())).toList();
        return new SchemaModel(m.schemas(), m.extensions(), m.collations(), m.enums(), m.domains(), types,
                m.sequences(), tables, m.views(), m.constraints(), m.indexes(), m.triggers(), m.policies(),
                m.functions(), m.textSearchDictionaries(), m.textSearchConfigurations(), m.aggregates(),
                m.operators(), m.casts(), m.eventTriggers(), m.foreignDataWrappers(), m.foreignServers(),
                m.userMappings(), m.foreignTables(), m.defaultPrivileges(), m.unsupported());
    }

    private static List<Column> byName(List<Column> columns) {
        List<Column> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparing(Column::name));
        return sorted;
    }

    /** The parts in which two models differ, each with both sides, for a readable failure. */
    static String differences(SchemaModel a, SchemaModel b) {
        Map<String, Function<SchemaModel, List<?>>> parts = new java.util.LinkedHashMap<>();
        parts.put("schemas", SchemaModel::schemas);
        parts.put("extensions", SchemaModel::extensions);
        parts.put("collations", SchemaModel::collations);
        parts.put("enums", SchemaModel::enums);
        parts.put("domains", SchemaModel::domains);
        parts.put("compositeTypes", SchemaModel::compositeTypes);
        parts.put("sequences", SchemaModel::sequences);
        parts.put("tables", SchemaModel::tables);
        parts.put("views", SchemaModel::views);
        parts.put("constraints", SchemaModel::constraints);
        parts.put("indexes", SchemaModel::indexes);
        parts.put("triggers", SchemaModel::triggers);
        parts.put("policies", SchemaModel::policies);
        parts.put("functions", SchemaModel::functions);
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
}
