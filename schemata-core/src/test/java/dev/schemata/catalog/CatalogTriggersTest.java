package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogTriggersTest {

    private static final String FUNCTION = """
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            """;

    @Test
    void triggersWithTheirDefinitionFunctionAndEnabledState(TestDatabase db) {
        SchemaModel model = build(db, FUNCTION + """
                CREATE TABLE t (id integer);
                CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW
                    WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch();
                CREATE TRIGGER t_disabled AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
                ALTER TABLE t DISABLE TRIGGER t_disabled;
                CREATE TRIGGER t_replica AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION touch();
                ALTER TABLE t ENABLE REPLICA TRIGGER t_replica;
                CREATE TRIGGER t_always AFTER TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION touch();
                ALTER TABLE t ENABLE ALWAYS TRIGGER t_always;
                """);

        assertThat(model.triggersOf(pub("t"))).extracting(Trigger::name, Trigger::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t_always", Trigger.State.ALWAYS),
                org.assertj.core.groups.Tuple.tuple("t_disabled", Trigger.State.DISABLED),
                org.assertj.core.groups.Tuple.tuple("t_replica", Trigger.State.REPLICA),
                org.assertj.core.groups.Tuple.tuple("t_touch", Trigger.State.ENABLED));
        Trigger touch = model.triggersOf(pub("t")).get(3);
        assertThat(touch.definition()).isEqualTo("CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW"
                + " WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION public.touch()");
        assertThat(touch.function()).isEqualTo(pub("touch"));
    }

    @Test
    void constraintTriggerIsListedButForeignKeyTriggersAndPartitionCopiesAreNot(TestDatabase db) {
        SchemaModel model = build(db, FUNCTION + """
                CREATE TABLE parent (id integer PRIMARY KEY);
                CREATE TABLE child (pid integer REFERENCES parent);
                CREATE CONSTRAINT TRIGGER child_check AFTER INSERT ON child
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE TABLE log (at date) PARTITION BY RANGE (at);
                CREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TRIGGER log_touch BEFORE INSERT ON log FOR EACH ROW EXECUTE FUNCTION touch();
                """);

        assertThat(model.triggers()).extracting(Trigger::table, Trigger::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(pub("child"), "child_check"),
                org.assertj.core.groups.Tuple.tuple(pub("log"), "log_touch"));
        assertThat(model.triggersOf(pub("child")).get(0).definition()).startsWith("CREATE CONSTRAINT TRIGGER child_check");
        assertThat(model.constraintsOf(pub("child"))).extracting(Constraint::kind)
                .containsExactly(Constraint.Kind.FOREIGN_KEY);
    }
}
