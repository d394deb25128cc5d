package dev.schemata.diff;

import dev.schemata.catalog.SchemaModel;
import dev.schemata.declarative.PlanApplier;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of every kind: build the old schema, plan towards the new one, apply the plan, and check that
 * the result reads back equal to a database built directly from the new DDL, that the plan carried exactly
 * the expected hazards, and that planning again finds nothing to do. Each table gets a row before the plan
 * runs; unless the plan says it deletes data, every value is still there afterwards.
 */
@ExtendWith(PostgresExtension.class)
class AcceptanceTest {

    static Stream<DiffCase> cases() {
        List<DiffCase> all = new ArrayList<>();
        all.addAll(TableCases.CASES);
        all.addAll(ColumnCases.CASES);
        all.addAll(ConstraintCases.CASES);
        all.addAll(IndexCases.CASES);
        all.addAll(ObjectCases.CASES);
        all.addAll(ObjectKindCases.CASES);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planTakesOldSchemaToNewSchema(DiffCase c, TestCluster cluster) throws SQLException {
        TestDatabase old = cluster.newDatabase();
        TestDatabase wanted = cluster.newDatabase();
        SchemaModel from = Models.build(old, c.oldDdl());
        SchemaModel to = Models.build(wanted, c.newDdl());

        var casts = Models.casts(old);
        Plan plan = Models.plan(from, to, c.online(), casts);

        if (c.expectEmpty()) {
            assertThat(plan.steps()).as("plan for equal schemas").isEmpty();
            return;
        }
        assertThat(plan.steps()).as("plan").isNotEmpty();
        Set<HazardKind> kinds = EnumSet.noneOf(HazardKind.class);
        plan.steps().forEach(s -> s.hazards().forEach(h -> kinds.add(h.kind())));
        assertThat(kinds).as("hazards of\n" + plan.script()).isEqualTo(c.hazards());
        if (!c.sql().isEmpty()) {
            assertThat(plan.script()).containsSubsequence(c.sql());
        }
        Rows.fill(old, from);
        var before = Rows.fingerprint(old, from);
        try (Connection connection = old.connect()) {
            PlanApplier.apply(connection, plan, null);
        }
        SchemaModel after = Models.read(old);
        if (!kinds.contains(HazardKind.DELETES_DATA)) {
            // Every value of every column that kept its name and type is still there.
            var now = Rows.fingerprint(old, after);
            before.forEach((table, prints) -> {
                assertThat(now).as("table " + table + " after\n" + plan.script()).containsKey(table);
                prints.forEach((column, print) -> {
                    if (now.get(table).containsKey(column)) {
                        assertThat(now.get(table).get(column)).as(table + " " + column).isEqualTo(print);
                    }
                });
            });
        }
        assertThat(Models.differences(Models.normalized(after), Models.normalized(to)))
                .as("differences after applying\n" + plan.script()).isEmpty();
        assertThat(Models.plan(after, to, c.online(), casts).steps()).as("second plan").isEmpty();
    }
}
