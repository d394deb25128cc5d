package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.role;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogEqualityTest {

    /** A schema touching most kinds, to compare two builds of it. */
    static final String SHOP = """
            CREATE SCHEMA shop;
            COMMENT ON SCHEMA shop IS 'the shop';
            CREATE TYPE shop.status AS ENUM ('new', 'paid', 'shipped');
            CREATE DOMAIN shop.money_amount AS numeric(12,2) CHECK (VALUE >= 0);
            CREATE TYPE shop.address AS (street text, city text);
            CREATE SEQUENCE shop.invoice_no START 1000;
            CREATE TABLE shop.customer (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL UNIQUE,
                home shop.address,
                created timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE shop.orders (
                id bigserial,
                customer bigint NOT NULL REFERENCES shop.customer ON DELETE CASCADE,
                status shop.status NOT NULL DEFAULT 'new',
                total shop.money_amount,
                placed date NOT NULL,
                PRIMARY KEY (id, placed)
            ) PARTITION BY RANGE (placed);
            CREATE TABLE shop.orders_2024 PARTITION OF shop.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE INDEX orders_open ON shop.orders (customer) WHERE status <> 'shipped';
            CREATE VIEW shop.open_orders AS SELECT id, customer FROM shop.orders WHERE status <> 'shipped';
            CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER customer_touch BEFORE UPDATE ON shop.customer FOR EACH ROW EXECUTE FUNCTION shop.touch();
            ALTER TABLE shop.customer ENABLE ROW LEVEL SECURITY;
            CREATE POLICY customer_self ON shop.customer USING (email = current_user);
            COMMENT ON COLUMN shop.customer.email IS 'login';
            """;

    @Test
    void theSameDdlOnTwoDatabasesGivesEqualModels(TestCluster cluster) {
        SchemaModel first = build(cluster.newDatabase(), SHOP);
        SchemaModel second = build(cluster.newDatabase(), SHOP);

        assertThat(second).isEqualTo(first);
        assertThat(second.hashCode()).isEqualTo(first.hashCode());
        assertThat(second.toString()).isEqualTo(first.toString());
        assertThat(first.tables()).hasSize(3);
    }

    @Test
    void aDifferentOidHistoryAndDroppedColumnsDoNotMatter(TestCluster cluster) {
        SchemaModel direct = build(cluster.newDatabase(), SHOP);
        TestDatabase winding = cluster.newDatabase();
        // Objects created and dropped first shift every OID, and the customer table gets (and loses) a
        // column, so the physical column numbers differ.
        winding.execute("""
                CREATE TABLE scratch (a integer PRIMARY KEY, b text);
                CREATE TYPE scratch_mood AS ENUM ('x');
                CREATE FUNCTION scratch_f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                DROP TABLE scratch; DROP TYPE scratch_mood; DROP FUNCTION scratch_f();
                """);
        winding.execute(SHOP.replace("    email text NOT NULL UNIQUE,", "    gone integer,\n    email text NOT NULL UNIQUE,")
                + "ALTER TABLE shop.customer DROP COLUMN gone;");

        assertThat(Catalogs.read(winding)).isEqualTo(direct);
    }

    /** Two DDLs that differ in one detail, the part of the model it shows in, and how to find the record. */
    record Difference(String name, String before, String after, String part, Function<SchemaModel, Object> record) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Difference> differences() {
        return Stream.of(
                new Difference("column type", "CREATE TABLE t (a integer);", "CREATE TABLE t (a bigint);",
                        "tables", m -> m.table(pub("t")).orElseThrow().columns().get(0)),
                new Difference("column order", "CREATE TABLE t (a integer, b integer);",
                        "CREATE TABLE t (b integer, a integer);",
                        "tables", m -> m.table(pub("t")).orElseThrow().columns()),
                new Difference("column default", "CREATE TABLE t (a integer DEFAULT 1);",
                        "CREATE TABLE t (a integer DEFAULT 2);",
                        "tables", m -> m.table(pub("t")).orElseThrow().columns().get(0)),
                new Difference("index predicate",
                        "CREATE TABLE t (a integer); CREATE INDEX t_a ON t (a) WHERE a > 0;",
                        "CREATE TABLE t (a integer); CREATE INDEX t_a ON t (a) WHERE a > 1;",
                        "indexes", m -> m.index(pub("t_a")).orElseThrow()),
                new Difference("grant",
                        "CREATE TABLE t (a integer);",
                        "CREATE TABLE t (a integer); GRANT SELECT ON t TO catalog_app;",
                        "tables", m -> m.table(pub("t")).orElseThrow().privileges()),
                new Difference("check constraint",
                        "CREATE TABLE t (a integer CONSTRAINT t_a_check CHECK (a > 0));",
                        "CREATE TABLE t (a integer CONSTRAINT t_a_check CHECK (a >= 0));",
                        "constraints", m -> m.constraintsOf(pub("t"))),
                new Difference("foreign key action",
                        "CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p);",
                        "CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p ON DELETE SET NULL);",
                        "constraints", m -> m.constraintsOf(pub("c")).get(0).foreignKey()),
                new Difference("enum label", "CREATE TYPE e AS ENUM ('a', 'b');", "CREATE TYPE e AS ENUM ('a', 'b', 'c');",
                        "enums", m -> m.enums().get(0).labels()),
                new Difference("function body",
                        "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';",
                        "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 2';",
                        "functions", m -> m.functions(pub("f")).get(0).definition()),
                new Difference("trigger disabled",
                        TRIGGER, TRIGGER + "ALTER TABLE t DISABLE TRIGGER t_touch;",
                        "triggers", m -> m.triggersOf(pub("t")).get(0).state()),
                new Difference("policy expression",
                        "CREATE TABLE t (a integer); CREATE POLICY t_p ON t USING (a > 0);",
                        "CREATE TABLE t (a integer); CREATE POLICY t_p ON t USING (a > 1);",
                        "policies", m -> m.policiesOf(pub("t")).get(0).using()),
                new Difference("comment",
                        "CREATE TABLE t (a integer); COMMENT ON TABLE t IS 'one';",
                        "CREATE TABLE t (a integer); COMMENT ON TABLE t IS 'two';",
                        "tables", m -> m.table(pub("t")).orElseThrow().comment()),
                new Difference("view query",
                        "CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t WHERE a > 0;",
                        "CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t WHERE a > 1;",
                        "views", m -> m.view(pub("v")).orElseThrow().definition()),
                new Difference("sequence increment", "CREATE SEQUENCE s;", "CREATE SEQUENCE s INCREMENT BY 10;",
                        "sequences", m -> m.sequence(pub("s")).orElseThrow().options()));
    }

    private static final String TRIGGER = """
            CREATE TABLE t (a integer);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("differences")
    void oneChangedDetailMakesModelsUnequalInThatRecordOnly(Difference difference, TestCluster cluster) {
        TestDatabase first = cluster.newDatabase();
        role(first, "catalog_app");
        SchemaModel before = build(first, difference.before());
        SchemaModel after = build(cluster.newDatabase(), difference.after());

        assertThat(after).isNotEqualTo(before);
        assertThat(Catalogs.differingParts(before, after)).containsExactly(difference.part());
        assertThat(difference.record().apply(after)).isNotEqualTo(difference.record().apply(before));
    }

    @Test
    void modelsBuiltInAnotherOrderAreEqual() {
        QualifiedName a = pub("a");
        QualifiedName b = pub("b");
        Schema schema = new Schema("public", null, List.of());
        Sequence sa = new Sequence(a, Persistence.LOGGED, new SequenceOptions("bigint", 1, 1, 1, 9, 1, false), null, null,
                List.of(new Privilege("x", "USAGE", false), new Privilege("PUBLIC", "SELECT", false)));
        Sequence sb = new Sequence(b, Persistence.LOGGED, new SequenceOptions("bigint", 1, 1, 1, 9, 1, false), null, null,
                List.of());

        SchemaModel one = model(List.of(schema), List.of(sa, sb));
        SchemaModel other = model(List.of(schema), List.of(sb, new Sequence(a, Persistence.LOGGED, sa.options(), null,
                null, List.of(new Privilege("PUBLIC", "SELECT", false), new Privilege("x", "USAGE", false)))));

        assertThat(other).isEqualTo(one);
        assertThat(one.sequences()).extracting(Sequence::name).containsExactly(a, b);
    }

    private static SchemaModel model(List<Schema> schemas, List<Sequence> sequences) {
        return new SchemaModel(schemas, List.of(), List.of(), List.of(), List.of(), List.of(), sequences, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
