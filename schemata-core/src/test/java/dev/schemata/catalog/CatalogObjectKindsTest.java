package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text search dictionaries and configurations, aggregates, operators, casts, event triggers and foreign data
 * as the reader sees them: the facts a plan needs, extension members and unselected schemas left out.
 */
@ExtendWith(PostgresExtension.class)
class CatalogObjectKindsTest {

    @Test
    void textSearchDictionariesAndConfigurations(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TEXT SEARCH DICTIONARY english_nostop (TEMPLATE = snowball, Language = english);
                CREATE TEXT SEARCH CONFIGURATION my_english (PARSER = default);
                ALTER TEXT SEARCH CONFIGURATION my_english ADD MAPPING FOR asciiword WITH english_nostop, simple;
                ALTER TEXT SEARCH CONFIGURATION my_english ADD MAPPING FOR email, url WITH simple;
                COMMENT ON TEXT SEARCH CONFIGURATION my_english IS 'mine';
                """);

        assertThat(model.textSearchDictionaries()).containsExactly(new TextSearchDictionary(pub("english_nostop"),
                QualifiedName.of("pg_catalog", "snowball"), "language = 'english'", null));
        assertThat(model.textSearchConfigurations()).containsExactly(new TextSearchConfiguration(pub("my_english"),
                QualifiedName.of("pg_catalog", "default"), List.of(
                        new TextSearchConfiguration.Mapping("asciiword", "public.english_nostop, simple"),
                        new TextSearchConfiguration.Mapping("email", "simple"),
                        new TextSearchConfiguration.Mapping("url", "simple")), "mine"));
    }

    @Test
    void aggregatesOperatorsAndCasts(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE AGGREGATE my_sum(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
                CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq, COMMUTATOR = ===);
                CREATE TYPE mood AS ENUM ('ok');
                CREATE CAST (mood AS integer) WITH INOUT AS IMPLICIT;
                COMMENT ON CAST (mood AS integer) IS 'by name';
                """);

        assertThat(model.aggregates()).containsExactly(new Aggregate(pub("my_sum"), "integer",
                "CREATE AGGREGATE public.my_sum (integer) (SFUNC = int4pl, STYPE = integer, FINALFUNC_MODIFY = READ_ONLY, "
                        + "INITCOND = '0', PARALLEL = UNSAFE)", null,
                List.of(new Privilege(Privilege.PUBLIC, "EXECUTE", false))));
        assertThat(model.operators()).containsExactly(new Operator(pub("==="), "integer", "integer",
                "FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(public.===)", null));
        assertThat(model.casts()).containsExactly(new Cast("public.mood", "integer", Cast.Method.INOUT, null,
                Cast.Context.IMPLICIT, "by name"));
        assertThat(model.functions()).isEmpty();
    }

    @Test
    void eventTriggers(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('DROP TABLE', 'CREATE TABLE')
                    EXECUTE FUNCTION on_ddl();
                ALTER EVENT TRIGGER log_ddl ENABLE REPLICA;
                """);

        assertThat(model.eventTriggers()).containsExactly(new EventTrigger("log_ddl", "ddl_command_end",
                List.of("CREATE TABLE", "DROP TABLE"), pub("on_ddl"), EventTrigger.Enabled.REPLICA, null));
    }

    @Test
    void foreignDataWithOptionsPrivilegesAndNoPasswords(TestDatabase db) {
        Catalogs.role(db, "reader");
        SchemaModel model = build(db, """
                CREATE EXTENSION postgres_fdw;
                CREATE FOREIGN DATA WRAPPER dummy_fdw OPTIONS (debug 'true');
                CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.internal', port '5433');
                GRANT USAGE ON FOREIGN SERVER archive TO reader;
                CREATE USER MAPPING FOR reader SERVER archive OPTIONS (user 'r', password 'very-secret');
                CREATE FOREIGN TABLE remote (id integer OPTIONS (column_name 'ID') NOT NULL, note text,
                    CONSTRAINT id_positive CHECK (id > 0)) SERVER archive OPTIONS (table_name 'docs');
                """);

        // postgres_fdw's own wrapper comes with the extension.
        assertThat(model.foreignDataWrappers()).containsExactly(new ForeignDataWrapper("dummy_fdw", null, null,
                List.of("debug 'true'"), null, List.of()));
        assertThat(model.foreignServers()).containsExactly(new ForeignServer("archive", "postgres_fdw", null, null,
                List.of("host 'archive.internal'", "port '5433'"), List.of(), null,
                List.of(new Privilege("reader", "USAGE", false))));
        assertThat(model.userMappings()).containsExactly(new UserMapping("reader", "archive", List.of("\"user\" 'r'"),
                List.of("password")));
        assertThat(model.toString()).doesNotContain("very-secret");
        ForeignTable remote = model.foreignTables().get(0);
        assertThat(remote.name()).isEqualTo(pub("remote"));
        assertThat(remote.columns()).extracting(Column::name).containsExactly("id", "note");
        assertThat(remote.server()).isEqualTo("archive");
        assertThat(remote.options()).containsExactly("table_name 'docs'");
        assertThat(remote.columnOptions()).containsExactly("id OPTIONS (column_name 'ID')");
        assertThat(remote.checks()).containsExactly("CONSTRAINT id_positive CHECK ((id > 0))");
        assertThat(model.tables()).isEmpty();
        assertThat(model.unsupported()).isEmpty();
    }

    @Test
    void objectsOfUnselectedSchemasAreLeftOutButDatabaseWideForeignDataIsRead(TestDatabase db) {
        db.execute("""
                CREATE SCHEMA other;
                CREATE AGGREGATE other.my_sum(integer) (SFUNC = int4pl, STYPE = integer);
                CREATE OPERATOR other.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);
                CREATE TEXT SEARCH CONFIGURATION other.cfg (COPY = simple);
                CREATE TYPE other.mood AS ENUM ('ok');
                CREATE CAST (other.mood AS integer) WITH INOUT;
                CREATE FOREIGN DATA WRAPPER dummy_fdw;
                CREATE SERVER s FOREIGN DATA WRAPPER dummy_fdw;
                CREATE FOREIGN TABLE other.remote (id integer) SERVER s;
                """);

        SchemaModel model = read(db, new SchemaFilter(List.of("public"), List.of()));

        assertThat(model.aggregates()).isEmpty();
        assertThat(model.operators()).isEmpty();
        assertThat(model.textSearchConfigurations()).isEmpty();
        assertThat(model.casts()).isEmpty();
        assertThat(model.foreignTables()).isEmpty();
        assertThat(model.foreignDataWrappers()).extracting(ForeignDataWrapper::name).containsExactly("dummy_fdw");
        assertThat(model.foreignServers()).extracting(ForeignServer::name).containsExactly("s");
        assertThat(read(db).casts()).hasSize(1);
    }
}
