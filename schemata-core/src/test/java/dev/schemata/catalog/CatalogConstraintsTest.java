package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogConstraintsTest {

    private static final String PARENT_AND_CHILD = """
            CREATE TABLE parent (id integer PRIMARY KEY, code text UNIQUE);
            CREATE TABLE child (
                id integer,
                pid integer,
                pcode text,
                CONSTRAINT child_parent_fk FOREIGN KEY (pid) REFERENCES parent (id)
                    ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT child_code_fk FOREIGN KEY (pcode) REFERENCES parent (code) MATCH FULL ON DELETE RESTRICT
            );
            ALTER TABLE child ADD CONSTRAINT child_pid_positive CHECK (pid > 0) NOT VALID;
            """;

    @Test
    void foreignKeyActionsMatchTypeAndDeferrability(TestDatabase db) {
        SchemaModel model = build(db, PARENT_AND_CHILD);

        Constraint fk = constraint(model, "child", "child_parent_fk");
        assertThat(fk.isForeignKey()).isTrue();
        assertThat(fk.columns()).containsExactly("pid");
        assertThat(fk.foreignKey()).isEqualTo(new ForeignKey(pub("parent"), List.of("id"),
                ForeignKey.Action.SET_NULL, ForeignKey.Action.CASCADE, ForeignKey.Match.SIMPLE));
        assertThat(fk.deferrable()).isTrue();
        assertThat(fk.initiallyDeferred()).isTrue();
        assertThat(fk.validated()).isTrue();
        assertThat(fk.definition()).isEqualTo("FOREIGN KEY (pid) REFERENCES public.parent(id)"
                + " ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED");

        Constraint full = constraint(model, "child", "child_code_fk");
        assertThat(full.foreignKey()).isEqualTo(new ForeignKey(pub("parent"), List.of("code"),
                ForeignKey.Action.NO_ACTION, ForeignKey.Action.RESTRICT, ForeignKey.Match.FULL));
        assertThat(full.deferrable()).isFalse();
        assertThat(full.initiallyDeferred()).isFalse();
    }

    @Test
    void notValidCheckPrimaryKeyAndUnique(TestDatabase db) {
        SchemaModel model = build(db, PARENT_AND_CHILD);

        Constraint check = constraint(model, "child", "child_pid_positive");
        assertThat(check.kind()).isEqualTo(Constraint.Kind.CHECK);
        assertThat(check.validated()).isFalse();
        assertThat(check.definition()).isEqualTo("CHECK ((pid > 0)) NOT VALID");
        assertThat(check.foreignKey()).isNull();

        assertThat(model.constraintsOf(pub("parent")))
                .extracting(Constraint::name, Constraint::kind, Constraint::columns, Constraint::validated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("parent_code_key", Constraint.Kind.UNIQUE, List.of("code"), true),
                        org.assertj.core.groups.Tuple.tuple("parent_pkey", Constraint.Kind.PRIMARY_KEY, List.of("id"), true));
        assertThat(constraint(model, "parent", "parent_pkey").isPrimaryKey()).isTrue();
        assertThat(constraint(model, "parent", "parent_code_key").isPrimaryKey()).isFalse();
    }

    @Test
    void exclusionConstraintAndTheIndexBehindIt(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TABLE booking (room integer, during tsrange, EXCLUDE USING gist (during WITH &&));
                """);

        Constraint exclusion = constraint(model, "booking", "booking_during_excl");
        assertThat(exclusion.kind()).isEqualTo(Constraint.Kind.EXCLUSION);
        assertThat(exclusion.definition()).isEqualTo("EXCLUDE USING gist (during WITH &&)");
        Index index = model.index(pub("booking_during_excl")).orElseThrow();
        assertThat(index.constraint()).isEqualTo("booking_during_excl");
        assertThat(index.isConstraintBacked()).isTrue();
        assertThat(index.method()).isEqualTo("gist");
    }

    @Test
    void foreignKeyToAPartitionedTableIsListedOnceNotOncePerPartition(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TABLE account (id integer, region integer, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
                CREATE TABLE account_1 PARTITION OF account FOR VALUES IN (1);
                CREATE TABLE account_2 PARTITION OF account FOR VALUES IN (2);
                CREATE TABLE payment (account integer, region integer, FOREIGN KEY (account, region) REFERENCES account);
                """);

        assertThat(model.constraintsOf(pub("payment"))).extracting(Constraint::name)
                .containsExactly("payment_account_region_fkey");
        assertThat(model.constraintsOf(pub("account_1"))).isEmpty();
        assertThat(constraint(model, "payment", "payment_account_region_fkey").foreignKey().referencedColumns())
                .containsExactly("id", "region");
    }

    private static Constraint constraint(SchemaModel model, String table, String name) {
        return model.constraintsOf(pub(table)).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
