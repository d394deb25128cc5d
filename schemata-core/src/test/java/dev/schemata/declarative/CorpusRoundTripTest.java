package dev.schemata.declarative;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.diff.Plan;
import dev.schemata.diff.HazardKind;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.Rows;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Round trips between real schema states: the state after migration a, planned towards the state after
 * migration b, must read back equal to b, and a second plan must be empty; both directions and to and from
 * an empty database. A plan that deletes no data must keep every row and value (each table gets a row
 * first). And each state dumped and rebuilt on an empty database must read back equal.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusRoundTripTest {
    private CorpusStates states;

    @BeforeAll
    void states(TestCluster cluster) {
        states = new CorpusStates(cluster);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "vaultwarden, 0, 46", "vaultwarden, 46, 0", "vaultwarden, 12, 30", "vaultwarden, 30, 12",
            "vaultwarden, 30, 46", "vaultwarden, 46, 30",
            "lemmy, 0, 60", "lemmy, 60, 0", "lemmy, 60, 100", "lemmy, 100, 60"})
    void planBetweenStatesRoundTrips(String project, int a, int b) {
        assumeTrue(CorpusStates.migrations(project).isPresent(), "the shared " + project + " corpus is not present");
        TestDatabase from = states.copyOf(project, a);
        SchemaModel wanted = read(states.copyOf(project, b));
        Plan plan = SchemaDiff.plan(read(from), wanted, PlanOptions.defaults());
        assertThat(plan.isEmpty()).isEqualTo(a == b);

        SchemaModel start = read(from);
        boolean keepsData = plan.steps().stream().noneMatch(s -> s.has(HazardKind.DELETES_DATA));
        if (keepsData) {
            Rows.fill(from, start);
        }
        var before = Rows.fingerprint(from, start);
        long filled = before.values().stream().filter(p -> !"0".equals(p.get("(rows)"))).count();
        if (keepsData && a > 0) {
            assertThat(filled).as("tables holding a row before the plan").isGreaterThanOrEqualTo(3);
        }

        apply(from, plan);

        SchemaModel after = read(from);
        if (keepsData) {
            var now = Rows.fingerprint(from, after);
            before.forEach((table, prints) -> prints.forEach((column, print) -> {
                if (now.containsKey(table) && now.get(table).containsKey(column)) {
                    assertThat(now.get(table).get(column)).as(table + " " + column).isEqualTo(print);
                }
            }));
            assertThat(now.keySet()).containsAll(before.keySet());
        }
        assertThat(ModelDifferences.of(after, wanted)).as("after applying\n" + plan.script()).isEmpty();
        assertThat(SchemaDiff.plan(after, wanted, PlanOptions.defaults()).steps()).as("second plan").isEmpty();
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource({"vaultwarden, 46", "vaultwarden, 12", "lemmy, 100"})
    void dumpRebuildsAnEqualSchema(String project, int k, TestCluster cluster) {
        assumeTrue(CorpusStates.migrations(project).isPresent(), "the shared " + project + " corpus is not present");
        SchemaModel model = read(states.copyOf(project, k));
        Plan dump = SchemaDump.plan(model, PlanOptions.defaults());
        TestDatabase empty = cluster.newDatabase();

        apply(empty, dump);

        assertThat(ModelDifferences.of(read(empty), model)).as("after\n" + dump.script()).isEmpty();
    }

    static void apply(TestDatabase db, Plan plan) {
        try (Connection c = db.connect()) {
            PlanApplier.apply(c, plan, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SchemaModel read(TestDatabase db) {
        try (Connection c = db.connect()) {
            return CatalogReader.read(c, SchemaFilter.all());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
