package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogCommentsTest {

    @Test
    void everyKindKeepsItsComment(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE SCHEMA app;
                COMMENT ON SCHEMA app IS 'schema note';
                CREATE COLLATION plain_c (provider = libc, locale = 'C');
                COMMENT ON COLLATION plain_c IS 'collation note';
                CREATE TYPE mood AS ENUM ('ok');
                COMMENT ON TYPE mood IS 'enum note';
                CREATE DOMAIN posint AS integer CONSTRAINT positive CHECK (VALUE > 0);
                COMMENT ON DOMAIN posint IS 'domain note';
                COMMENT ON CONSTRAINT positive ON DOMAIN posint IS 'domain constraint note';
                CREATE TYPE pair AS (a integer, b integer);
                COMMENT ON TYPE pair IS 'composite note';
                COMMENT ON COLUMN pair.a IS 'attribute note';
                CREATE SEQUENCE counter;
                COMMENT ON SEQUENCE counter IS 'sequence note';
                CREATE TABLE t (id integer CONSTRAINT t_pk PRIMARY KEY, v integer);
                COMMENT ON TABLE t IS 'table note';
                COMMENT ON COLUMN t.v IS 'column note';
                COMMENT ON CONSTRAINT t_pk ON t IS 'constraint note';
                COMMENT ON INDEX t_pk IS 'index note';
                CREATE VIEW v AS SELECT id FROM t;
                COMMENT ON VIEW v IS 'view note';
                COMMENT ON COLUMN v.id IS 'view column note';
                CREATE MATERIALIZED VIEW m AS SELECT id FROM t;
                COMMENT ON MATERIALIZED VIEW m IS 'materialized view note';
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                COMMENT ON FUNCTION touch() IS 'function note';
                CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
                COMMENT ON TRIGGER t_touch ON t IS 'trigger note';
                CREATE POLICY t_policy ON t USING (true);
                COMMENT ON POLICY t_policy ON t IS 'policy note';
                """);

        assertThat(model.schema("app").orElseThrow().comment()).isEqualTo("schema note");
        assertThat(model.collations().get(0).comment()).isEqualTo("collation note");
        assertThat(model.enums().get(0).comment()).isEqualTo("enum note");
        assertThat(model.domains().get(0).comment()).isEqualTo("domain note");
        assertThat(model.domains().get(0).constraints().get(0).comment()).isEqualTo("domain constraint note");
        assertThat(model.compositeTypes().get(0).comment()).isEqualTo("composite note");
        assertThat(model.compositeTypes().get(0).attributes()).extracting(Column::comment)
                .containsExactly("attribute note", null);
        assertThat(model.sequence(pub("counter")).orElseThrow().comment()).isEqualTo("sequence note");
        Table t = model.table(pub("t")).orElseThrow();
        assertThat(t.comment()).isEqualTo("table note");
        assertThat(t.columns()).extracting(Column::comment).containsExactly(null, "column note");
        assertThat(model.constraintsOf(pub("t")).get(0).comment()).isEqualTo("constraint note");
        assertThat(model.index(pub("t_pk")).orElseThrow().comment()).isEqualTo("index note");
        View v = model.view(pub("v")).orElseThrow();
        assertThat(v.comment()).isEqualTo("view note");
        assertThat(v.columns().get(0).comment()).isEqualTo("view column note");
        assertThat(model.view(pub("m")).orElseThrow().comment()).isEqualTo("materialized view note");
        assertThat(model.functions(pub("touch")).get(0).comment()).isEqualTo("function note");
        assertThat(model.triggersOf(pub("t")).get(0).comment()).isEqualTo("trigger note");
        assertThat(model.policiesOf(pub("t")).get(0).comment()).isEqualTo("policy note");
        assertThat(model.extensions()).extracting(Extension::name, Extension::comment)
                .contains(org.assertj.core.groups.Tuple.tuple("plpgsql", "PL/pgSQL procedural language"));
    }

    @Test
    void objectsWithoutCommentsHaveNone(TestDatabase db) {
        SchemaModel model = build(db, "CREATE SCHEMA app; CREATE TABLE app.t (id integer);");

        Table t = model.table(QualifiedName.of("app", "t")).orElseThrow();
        assertThat(t.comment()).isNull();
        assertThat(t.columns().get(0).comment()).isNull();
        assertThat(model.schema("app").orElseThrow().comment()).isNull();
    }
}
