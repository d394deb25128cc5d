package dev.schemata.diff;

import dev.schemata.catalog.SchemaModel;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's lock timeout goes on every step that locks a table that already exists, and on no other. */
@ExtendWith(PostgresExtension.class)
class LockTimeoutTest {

    @Test
    void lockingStepsOnExistingTablesGetTheTimeout(TestCluster cluster) {
        SchemaModel from = Models.build(cluster.newDatabase(), "CREATE TABLE t (id int, n int);");
        SchemaModel to = Models.build(cluster.newDatabase(), """
                CREATE TABLE t (id int, n int NOT NULL);
                CREATE INDEX t_id ON t (id);
                CREATE TABLE fresh (id int PRIMARY KEY);
                """);

        Plan plan = SchemaDiff.plan(from, to, PlanOptions.defaults().withOnline(true).withLockTimeout(Duration.ofSeconds(3)));

        assertThat(plan.steps()).filteredOn(s -> s.sql().contains("public.t ") || s.sql().contains("ON public.t"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.lockTimeout()).as(s.sql()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(plan.steps()).filteredOn(s -> s.sql().contains("public.fresh"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.lockTimeout()).as(s.sql()).isNull());
        assertThat(plan.script()).startsWith("CREATE TABLE public.fresh").contains("SET lock_timeout = '3000ms';\n")
                .contains("RESET lock_timeout;");
    }

    @Test
    void withoutATimeoutNoStepHasOne(TestCluster cluster) {
        SchemaModel from = Models.build(cluster.newDatabase(), "CREATE TABLE t (id int);");
        SchemaModel to = Models.build(cluster.newDatabase(), "CREATE TABLE t (id int NOT NULL);");

        Plan plan = SchemaDiff.plan(from, to, PlanOptions.defaults());

        assertThat(plan.steps()).isNotEmpty().allSatisfy(s -> assertThat(s.lockTimeout()).isNull());
    }
}
