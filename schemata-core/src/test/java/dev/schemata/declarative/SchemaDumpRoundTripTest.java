package dev.schemata.declarative;

import dev.schemata.catalog.ForeignServer;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.UserMapping;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

import static dev.schemata.declarative.CorpusRoundTripTest.apply;
import static dev.schemata.declarative.CorpusRoundTripTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dump of a large schema with text search configurations and dictionaries, aggregates, operators, casts,
 * list-, range- and hash-partitioned tables and materialized views ({@code newsroom.sql}) rebuilds an equal
 * schema on an empty database; and passwords of foreign servers and user mappings never reach a dump.
 */
@ExtendWith(PostgresExtension.class)
class SchemaDumpRoundTripTest {

    @Test
    void largeSchemaWithTextSearchAggregatesPartitionsAndMatviewsRoundTrips(TestDatabase db, TestCluster cluster)
            throws IOException {
        db.execute(EveryObjectKindTest.resource("newsroom.sql"));
        SchemaModel model = read(db);
        assertThat(model.unsupported()).isEmpty();
        assertThat(model.textSearchConfigurations()).hasSize(3);
        assertThat(model.textSearchDictionaries()).hasSize(3);
        assertThat(model.aggregates()).hasSize(3);
        assertThat(model.tables()).filteredOn(t -> t.isPartition()).hasSize(7);
        assertThat(model.views()).filteredOn(v -> v.materialized()).hasSize(2);

        Plan dump = SchemaDump.plan(model, PlanOptions.defaults());
        dump.requireNothingSkipped("dump-schema cannot write");
        TestDatabase empty = cluster.newDatabase();
        apply(empty, dump);

        SchemaModel rebuilt = read(empty);
        assertThat(ModelDifferences.of(rebuilt, model)).as("after\n" + dump.script()).isEmpty();
        assertThat(SchemaDiff.plan(rebuilt, model, PlanOptions.defaults()).steps()).isEmpty();
        assertThat(SchemaDump.plan(rebuilt, PlanOptions.defaults()).script()).isEqualTo(dump.script());
    }

    @Test
    void passwordsAreNeverReadAndTheDumpSaysHowToSetThem(TestDatabase db, TestCluster cluster) {
        db.execute("""
                CREATE EXTENSION postgres_fdw;
                CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.internal', dbname 'archive');
                CREATE USER MAPPING FOR PUBLIC SERVER archive OPTIONS (user 'reader', password 'hunter2-secret');
                """);
        SchemaModel model = read(db);
        assertThat(model.userMappings()).containsExactly(
                new UserMapping("PUBLIC", "archive", java.util.List.of("\"user\" 'reader'"), java.util.List.of("password")));
        assertThat(model.foreignServers()).extracting(ForeignServer::secretOptions).containsExactly(java.util.List.of());
        assertThat(model.toString()).doesNotContain("hunter2");

        String script = SchemaDump.script(SchemaDump.plan(model, PlanOptions.defaults()), "test");

        assertThat(script).doesNotContain("hunter2")
                .contains("-- not written (its value is never read): password; set it with\n"
                        + "-- ALTER USER MAPPING FOR PUBLIC SERVER archive OPTIONS (ADD password '…');\n"
                        + "CREATE USER MAPPING FOR PUBLIC SERVER archive OPTIONS (\"user\" 'reader');");

        // The rebuilt mapping has no password; setting one by hand, as the comment says, makes it equal again.
        TestDatabase empty = cluster.newDatabase();
        apply(empty, SchemaDump.plan(model, PlanOptions.defaults()));
        empty.execute("ALTER USER MAPPING FOR PUBLIC SERVER archive OPTIONS (ADD password 'other')");
        assertThat(read(empty).userMappings()).isEqualTo(model.userMappings());
        // Passwords are not compared: a plan between the two changes nothing.
        assertThat(SchemaDiff.plan(read(empty), model, PlanOptions.defaults()).steps()).isEmpty();
    }
}
