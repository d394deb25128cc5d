package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.role;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogPoliciesTest {

    @Test
    void policiesWithCommandRolesAndExpressions(TestDatabase db) {
        role(db, "catalog_reader");
        role(db, "catalog_writer");
        SchemaModel model = build(db, """
                CREATE TABLE doc (owner text, body text);
                ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
                CREATE POLICY doc_owner ON doc AS PERMISSIVE FOR UPDATE TO catalog_writer, catalog_reader
                    USING (owner = current_user) WITH CHECK (owner = current_user);
                CREATE POLICY doc_hide ON doc AS RESTRICTIVE FOR SELECT USING (body IS NOT NULL);
                """);

        assertThat(model.policiesOf(pub("doc"))).containsExactly(
                new Policy(pub("doc"), "doc_hide", Policy.Command.SELECT, false, List.of(Privilege.PUBLIC),
                        "(body IS NOT NULL)", null, null),
                new Policy(pub("doc"), "doc_owner", Policy.Command.UPDATE, true,
                        List.of("catalog_reader", "catalog_writer"), "(owner = CURRENT_USER)", "(owner = CURRENT_USER)",
                        null));
        assertThat(model.table(pub("doc")).orElseThrow().rowSecurity()).isTrue();
    }

    @Test
    void policyForAllCommandsWithOnlyWithCheck(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TABLE note (author text);
                CREATE POLICY note_insert ON note FOR INSERT WITH CHECK (author IS NOT NULL);
                CREATE POLICY note_all ON note USING (true);
                """);

        assertThat(model.policiesOf(pub("note"))).extracting(Policy::name, Policy::command, Policy::using, Policy::withCheck)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("note_all", Policy.Command.ALL, "true", null),
                        org.assertj.core.groups.Tuple.tuple("note_insert", Policy.Command.INSERT, null, "(author IS NOT NULL)"));
        assertThat(model.table(pub("note")).orElseThrow().rowSecurity()).isFalse();
    }
}
