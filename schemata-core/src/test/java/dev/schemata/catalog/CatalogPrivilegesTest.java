package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.role;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogPrivilegesTest {

    @Test
    void tableAndColumnGrantsWithoutTheOwnersOwnPrivileges(TestDatabase db) {
        role(db, "catalog_app");
        SchemaModel model = build(db, """
                CREATE TABLE account (id integer, secret text);
                GRANT SELECT, INSERT ON account TO catalog_app;
                GRANT UPDATE (secret) ON account TO catalog_app WITH GRANT OPTION;
                CREATE TABLE untouched (id integer);
                """);

        Table account = model.table(pub("account")).orElseThrow();
        assertThat(account.privileges()).containsExactly(
                new Privilege("catalog_app", "INSERT", false), new Privilege("catalog_app", "SELECT", false));
        assertThat(account.columns().get(1).privileges()).containsExactly(new Privilege("catalog_app", "UPDATE", true));
        assertThat(account.columns().get(0).privileges()).isEmpty();
        assertThat(model.table(pub("untouched")).orElseThrow().privileges()).isEmpty();
    }

    @Test
    void functionsAndTypesGrantToPublicUntilRevoked(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE FUNCTION open() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                CREATE FUNCTION closed() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                REVOKE EXECUTE ON FUNCTION closed() FROM PUBLIC;
                CREATE TYPE open_mood AS ENUM ('a');
                CREATE TYPE closed_mood AS ENUM ('a');
                REVOKE USAGE ON TYPE closed_mood FROM PUBLIC;
                """);

        assertThat(model.functions(pub("open")).get(0).privileges())
                .containsExactly(new Privilege(Privilege.PUBLIC, "EXECUTE", false));
        assertThat(model.functions(pub("closed")).get(0).privileges()).isEmpty();
        assertThat(model.enums()).extracting(EnumType::name, EnumType::privileges).containsExactly(
                org.assertj.core.groups.Tuple.tuple(pub("closed_mood"), java.util.List.of()),
                org.assertj.core.groups.Tuple.tuple(pub("open_mood"),
                        java.util.List.of(new Privilege(Privilege.PUBLIC, "USAGE", false))));
    }

    @Test
    void schemaSequenceAndViewGrants(TestDatabase db) {
        role(db, "catalog_app");
        SchemaModel model = build(db, """
                CREATE SCHEMA app;
                GRANT USAGE ON SCHEMA app TO catalog_app;
                CREATE SEQUENCE app.counter;
                GRANT USAGE, SELECT ON SEQUENCE app.counter TO catalog_app;
                CREATE VIEW app.summary AS SELECT 1 AS one;
                GRANT SELECT ON app.summary TO PUBLIC;
                CREATE SCHEMA quiet;
                """);

        assertThat(model.schema("app").orElseThrow().privileges()).containsExactly(new Privilege("catalog_app", "USAGE", false));
        assertThat(model.schema("quiet").orElseThrow().privileges()).isEmpty();
        assertThat(model.sequence(QualifiedName.of("app", "counter")).orElseThrow().privileges()).containsExactly(
                new Privilege("catalog_app", "SELECT", false), new Privilege("catalog_app", "USAGE", false));
        assertThat(model.view(QualifiedName.of("app", "summary")).orElseThrow().privileges())
                .containsExactly(new Privilege(Privilege.PUBLIC, "SELECT", false));
    }

    @Test
    void grantedThenRevokedEqualsNeverGranted(TestCluster cluster) {
        TestDatabase fresh = cluster.newDatabase();
        TestDatabase revoked = cluster.newDatabase();
        role(fresh, "catalog_app");
        String ddl = "CREATE TABLE t (id integer); CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';";

        SchemaModel never = build(fresh, ddl);
        SchemaModel explicit = build(revoked, ddl + """
                GRANT SELECT ON t TO catalog_app;
                REVOKE SELECT ON t FROM catalog_app;
                GRANT EXECUTE ON FUNCTION f() TO catalog_app;
                REVOKE EXECUTE ON FUNCTION f() FROM catalog_app;
                """);

        // The second database now has explicit ACLs equal to the defaults; the first has none.
        assertThat(revoked.value("SELECT relacl IS NOT NULL FROM pg_class WHERE relname = 't'")).isEqualTo(true);
        assertThat(explicit).isEqualTo(never);
    }
}
