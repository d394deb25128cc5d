package dev.schemata.declarative;

import dev.schemata.SchemataException;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Unsupported;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import static dev.schemata.declarative.CorpusRoundTripTest.apply;
import static dev.schemata.declarative.CorpusRoundTripTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A schema that uses every kind of object pg_dump knows ({@code every-object-kind.sql}). Each kind is
 * either represented (read into the model, and rebuilt equal from the dump) or listed as unsupported, which
 * makes dump-schema, generate and apply fail unless told to go on without it. The two lists below are the
 * ones docs/declarative.md shows.
 */
@ExtendWith(PostgresExtension.class)
class EveryObjectKindTest {
    /** The kinds Schemata represents, each with where the model keeps it. */
    static final Map<String, Function<SchemaModel, List<?>>> REPRESENTED = new LinkedHashMap<>();

    static {
        REPRESENTED.put("schemas", SchemaModel::schemas);
        REPRESENTED.put("extensions", SchemaModel::extensions);
        REPRESENTED.put("collations", SchemaModel::collations);
        REPRESENTED.put("enum types", SchemaModel::enums);
        REPRESENTED.put("domains (with their constraints)", SchemaModel::domains);
        REPRESENTED.put("composite types", SchemaModel::compositeTypes);
        REPRESENTED.put("sequences", SchemaModel::sequences);
        REPRESENTED.put("tables, partitions, inheritance children (columns, identity, generated columns)", SchemaModel::tables);
        REPRESENTED.put("views and materialized views", SchemaModel::views);
        REPRESENTED.put("constraints", SchemaModel::constraints);
        REPRESENTED.put("indexes", SchemaModel::indexes);
        REPRESENTED.put("triggers", SchemaModel::triggers);
        REPRESENTED.put("row-level security policies", SchemaModel::policies);
        REPRESENTED.put("functions and procedures", SchemaModel::functions);
        REPRESENTED.put("aggregates", SchemaModel::aggregates);
        REPRESENTED.put("operators", SchemaModel::operators);
        REPRESENTED.put("casts", SchemaModel::casts);
        REPRESENTED.put("text search dictionaries", SchemaModel::textSearchDictionaries);
        REPRESENTED.put("text search configurations", SchemaModel::textSearchConfigurations);
        REPRESENTED.put("event triggers", SchemaModel::eventTriggers);
        REPRESENTED.put("foreign-data wrappers", SchemaModel::foreignDataWrappers);
        REPRESENTED.put("foreign servers", SchemaModel::foreignServers);
        REPRESENTED.put("user mappings", SchemaModel::userMappings);
        REPRESENTED.put("foreign tables", SchemaModel::foreignTables);
        REPRESENTED.put("default privileges", SchemaModel::defaultPrivileges);
    }

    /**
     * The kinds that make dump-schema fail (exit 1) unless --allow-unsupported, as pg_identify_object names
     * them, and the settings of represented objects that the model does not keep ("cluster on", "column
     * setting"; also "tablespace"). Also unsupported but not in the schema, since a stock server cannot
     * create them: security labels (they need a label provider module), transforms and base types (they need
     * functions written in C), and window functions written in C.
     */
    static final List<String> UNSUPPORTED = List.of("access method", "cluster on", "column setting", "conversion",
            "language", "large object", "operator class", "operator family", "publication", "rule",
            "statistics object", "subscription", "text search parser", "text search template", "type");

    @Test
    void everyKindIsRepresentedAndRebuiltOrListedAsUnsupported(TestDatabase db, TestCluster cluster) throws IOException {
        db.execute(resource("every-object-kind.sql"));
        try {
            SchemaModel model = read(db);

            REPRESENTED.forEach((kind, part) -> assertThat(part.apply(model)).as(kind).isNotEmpty());
            assertThat(new TreeSet<>(model.unsupported().stream().map(Unsupported::kind).toList()))
                    .containsExactlyElementsOf(UNSUPPORTED);
            assertThat(model.unsupported()).extracting(Unsupported::name)
                    .contains("app.float_range", "app.shell_only", "docs_keep on app.docs", "app_changes", "app_feed");

            Plan dump = SchemaDump.plan(model, PlanOptions.defaults());
            assertThatThrownBy(() -> dump.requireNothingSkipped("dump-schema cannot write"))
                    .isInstanceOf(SchemataException.class)
                    .hasMessageContaining("dump-schema cannot write " + model.unsupported().size() + " object(s)")
                    .hasMessageContaining("rule docs_keep on app.docs").hasMessageContaining("--allow-unsupported");
            assertThat(SchemaDump.script(dump, "test")).contains("-- NOT WRITTEN: " + model.unsupported().size() + " object(s)")
                    .contains("--   publication app_changes");

            TestDatabase empty = cluster.newDatabase();
            apply(empty, dump);
            SchemaModel rebuilt = read(empty);
            REPRESENTED.forEach((kind, part) -> assertThat(part.apply(rebuilt)).as(kind).isEqualTo(part.apply(model)));
            assertThat(SchemaDump.plan(rebuilt, PlanOptions.defaults()).steps()).as("the dump of the rebuilt database")
                    .isEqualTo(dump.steps());
        } finally {
            // A database with a subscription cannot be dropped.
            db.execute("ALTER SUBSCRIPTION app_feed DISABLE; DROP SUBSCRIPTION app_feed;");
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = EveryObjectKindTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
