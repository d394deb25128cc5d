package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.read;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogUnsupportedTest {

    @Test
    void objectsTheModelCannotRepresentAreListedByName(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TABLE t (id integer, body text);
                CREATE RULE t_protect AS ON DELETE TO t DO INSTEAD NOTHING;
                CREATE PUBLICATION t_pub FOR TABLE t;
                CREATE TEXT SEARCH CONFIGURATION my_search (COPY = simple);
                CREATE AGGREGATE my_sum(integer) (SFUNC = int4pl, STYPE = integer);
                CREATE TYPE float_range AS RANGE (SUBTYPE = float8);
                CREATE STATISTICS t_stats ON id, body FROM t;
                CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl();
                CREATE FOREIGN DATA WRAPPER dummy_fdw;
                CREATE SERVER dummy_server FOREIGN DATA WRAPPER dummy_fdw;
                CREATE FOREIGN TABLE remote (id integer) SERVER dummy_server;
                CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);
                CREATE TYPE mood AS ENUM ('ok');
                CREATE CAST (mood AS integer) WITH INOUT;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;
                SELECT lo_create(0);
                """);

        assertThat(model.unsupported()).containsAll(List.of(
                new Unsupported("rule", "t_protect on public.t"),
                new Unsupported("publication", "t_pub"),
                new Unsupported("type", "public.float_range"),
                new Unsupported("statistics object", "public.t_stats")));
        assertThat(model.unsupported()).anySatisfy(u -> assertThat(u.kind()).isEqualTo("large object"));
        // These kinds are represented, so they are not listed again.
        assertThat(model.unsupported()).extracting(Unsupported::kind).doesNotContain("text search configuration",
                "aggregate", "event trigger", "foreign-data wrapper", "server", "foreign table", "operator", "cast",
                "default acl");
        assertThat(model.textSearchConfigurations()).extracting(TextSearchConfiguration::name).containsExactly(Catalogs.pub("my_search"));
        assertThat(model.aggregates()).extracting(Aggregate::signature).containsExactly("public.my_sum(integer)");
        assertThat(model.eventTriggers()).extracting(EventTrigger::name).containsExactly("log_ddl");
        assertThat(model.foreignDataWrappers()).extracting(ForeignDataWrapper::name).containsExactly("dummy_fdw");
        assertThat(model.foreignServers()).extracting(ForeignServer::name).containsExactly("dummy_server");
        assertThat(model.foreignTables()).extracting(ForeignTable::name).containsExactly(Catalogs.pub("remote"));
        assertThat(model.operators()).extracting(Operator::name).containsExactly(Catalogs.pub("==="));
        assertThat(model.casts()).containsExactly(new Cast("public.mood", "integer", Cast.Method.INOUT, null,
                Cast.Context.EXPLICIT, null));
        assertThat(model.defaultPrivileges()).containsExactly(new DefaultPrivilege(String.valueOf(db.value("SELECT current_user")),
                "public", DefaultPrivilege.ObjectType.TABLES, List.of(new Privilege(Privilege.PUBLIC, "SELECT", false))));
        // What the model does represent is not listed again: tables, the event trigger's function, the enum
        // (and its array type), the range type's multirange and its constructor functions.
        assertThat(model.unsupported()).extracting(Unsupported::name)
                .doesNotContain("public.t", "public.mood", "public._mood", "public.on_ddl()")
                .noneMatch(name -> name.contains("float_multirange"));
        assertThat(model.tables()).extracting(Table::name).containsExactly(Catalogs.pub("t"));
        assertThat(model.functions()).extracting(Function::name).containsExactly(Catalogs.pub("on_ddl"));
    }

    @Test
    void settingsTheModelDoesNotKeepAreListedWithTheirObject(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TABLE t (id integer PRIMARY KEY, body text, n integer);
                ALTER TABLE t ALTER COLUMN n SET STATISTICS 500, ALTER COLUMN body SET STORAGE EXTERNAL;
                ALTER TABLE t ALTER COLUMN id SET (n_distinct = -1);
                CLUSTER t USING t_pkey;
                CREATE INDEX t_n ON t (n) TABLESPACE pg_default;
                """);

        assertThat(model.unsupported()).containsExactly(
                new Unsupported("cluster on", "index public.t_pkey: CLUSTER ON"),
                new Unsupported("column setting", "table column public.t.body: STORAGE EXTERNAL"),
                new Unsupported("column setting", "table column public.t.id: n_distinct=-1"),
                new Unsupported("column setting", "table column public.t.n: STATISTICS 500"));
    }

    @Test
    void aDatabaseWithOnlySupportedObjectsHasNothingUnsupported(TestDatabase db) {
        db.execute("""
                CREATE TABLE t (id integer);
                CREATE VIEW v AS SELECT id FROM t;
                CREATE TYPE mood AS ENUM ('ok');
                CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                """);

        assertThat(read(db).unsupported()).isEmpty();
    }
}
