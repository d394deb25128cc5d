package dev.schemata.diff;

import dev.schemata.catalog.SchemaModel;
import dev.schemata.declarative.PlanApplier;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an inheritance child declares a column or only inherits it is part of the schema: when the parent
 * drops a column that a child keeps, the child's values stay; when a column moves up into the parent, the
 * child's values stay too.
 */
@ExtendWith(PostgresExtension.class)
class InheritedColumnsTest {

    private static Plan planAndApply(TestDatabase db, String newDdl, TestCluster cluster) throws SQLException {
        SchemaModel from = Models.read(db);
        SchemaModel to = Models.build(cluster.newDatabase(), newDdl);
        Plan plan = Models.plan(from, to, false, Models.casts(db));
        try (Connection c = db.connect()) {
            PlanApplier.apply(c, plan, null);
        }
        SchemaModel after = Models.read(db);
        assertThat(Models.differences(Models.normalized(after), Models.normalized(to))).as(plan.script()).isEmpty();
        assertThat(Models.plan(after, to, false, Models.casts(db)).steps()).as("second plan").isEmpty();
        return plan;
    }

    @Test
    void aColumnTheParentDropsStaysWithItsValuesInTheChildrenThatKeepIt(TestCluster cluster, TestDatabase db) throws SQLException {
        db.execute("""
                CREATE TABLE parent (id int, x int);
                CREATE TABLE child (extra int) INHERITS (parent);
                CREATE TABLE grandchild () INHERITS (child);
                CREATE TABLE other () INHERITS (parent);
                CREATE TABLE p2 (id int, y int);
                CREATE TABLE c2 () INHERITS (p2);
                CREATE TABLE g2 (z int) INHERITS (c2);
                INSERT INTO parent VALUES (1, 10);
                INSERT INTO child VALUES (2, 20, 200);
                INSERT INTO grandchild VALUES (3, 30, 300);
                INSERT INTO other VALUES (4, 40);
                INSERT INTO c2 VALUES (5, 50);
                INSERT INTO g2 VALUES (6, 60, 600);
                """);
        Plan plan = planAndApply(db, """
                CREATE TABLE parent (id int);
                CREATE TABLE child (x int, extra int) INHERITS (parent);
                CREATE TABLE grandchild () INHERITS (child);
                CREATE TABLE other () INHERITS (parent);
                CREATE TABLE p2 (id int);
                CREATE TABLE c2 () INHERITS (p2);
                CREATE TABLE g2 (y int, z int) INHERITS (c2);
                """, cluster);

        assertThat(plan.script()).contains("ALTER TABLE ONLY public.parent DROP COLUMN x", "ALTER TABLE public.other DROP COLUMN x",
                "ALTER TABLE ONLY public.p2 DROP COLUMN y", "ALTER TABLE ONLY public.c2 DROP COLUMN y");
        assertThat(db.query("SELECT id, x FROM child ORDER BY id")).containsExactly(Map.of("id", 2, "x", 20), Map.of("id", 3, "x", 30));
        assertThat(db.query("SELECT id, y, z FROM g2")).containsExactly(Map.of("id", 6, "y", 60, "z", 600));
        assertThat(db.query("SELECT id FROM parent ORDER BY id")).extracting(r -> r.get("id")).isEqualTo(List.of(1, 2, 3, 4));
        assertThat(db.value("SELECT attislocal FROM pg_attribute WHERE attrelid = 'child'::regclass AND attname = 'x'")).isEqualTo(true);
        assertThat(db.value("SELECT attislocal FROM pg_attribute WHERE attrelid = 'grandchild'::regclass AND attname = 'x'")).isEqualTo(false);
    }

    @Test
    void aColumnMovedUpIntoTheParentKeepsTheChildsValuesAndSaysItStaysDeclared(TestCluster cluster, TestDatabase db) throws SQLException {
        db.execute("""
                CREATE TABLE parent (id int);
                CREATE TABLE child (x int) INHERITS (parent);
                INSERT INTO child VALUES (1, 10);
                """);
        SchemaModel to = Models.build(cluster.newDatabase(), "CREATE TABLE parent (id int, x int); CREATE TABLE child () INHERITS (parent);");
        Plan plan = Models.plan(Models.read(db), to, false, Models.casts(db));
        try (Connection c = db.connect()) {
            PlanApplier.apply(c, plan, null);
        }
        assertThat(plan.script()).contains("ALTER TABLE public.parent ADD COLUMN x integer");
        assertThat(plan.skipped()).containsExactly("column public.child.x stays declared by the table (PostgreSQL cannot make"
                + " a column inherited-only without dropping its values)");
        assertThat(db.query("SELECT id, x FROM parent")).containsExactly(Map.of("id", 1, "x", 10));
        assertThat(Models.plan(Models.read(db), to, false, Models.casts(db)).steps()).isEmpty();
    }
}
