package dev.schemata.diff;

import java.util.List;

import static dev.schemata.diff.HazardKind.*;

/**
 * Text search dictionaries and configurations, aggregates, operators, casts, event triggers and foreign
 * data (wrappers, servers, user mappings, foreign tables): each created from nothing (as dump-schema
 * writes it), changed and dropped.
 */
final class ObjectKindCases {
    private ObjectKindCases() {
    }

    private static final String T = "CREATE TABLE t (id int PRIMARY KEY, name text, n int);";
    private static final String DICT = """
            CREATE TEXT SEARCH DICTIONARY english_nostop (TEMPLATE = snowball, Language = english);
            """;
    private static final String CONFIG = DICT + """
            CREATE TEXT SEARCH CONFIGURATION my_english (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION my_english ALTER MAPPING FOR asciiword, word WITH english_nostop;
            """;
    private static final String FTS_INDEX = "CREATE INDEX t_fts ON t USING gin (to_tsvector('public.my_english', name));";
    private static final String CI = """
            CREATE FUNCTION ci_eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
            CREATE FUNCTION ci_ne(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) <> lower($2)';
            """;
    private static final String OPERATORS = CI + """
            CREATE OPERATOR === (LEFTARG = text, RIGHTARG = text, FUNCTION = ci_eq, COMMUTATOR = ===, NEGATOR = !==,
                RESTRICT = eqsel, JOIN = eqjoinsel);
            CREATE OPERATOR !== (LEFTARG = text, RIGHTARG = text, FUNCTION = ci_ne, COMMUTATOR = !==, NEGATOR = ===);
            """;
    private static final String AGG = """
            CREATE FUNCTION add_len(bigint, text) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + length($2)';
            CREATE AGGREGATE total_length(text) (SFUNC = add_len, STYPE = bigint, INITCOND = '0', COMBINEFUNC = int8pl,
                PARALLEL = SAFE);
            """;
    private static final String MOOD = """
            CREATE TYPE mood AS ENUM ('ok', 'sad');
            CREATE FUNCTION mood_score(mood) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT CASE $1 WHEN ''ok'' THEN 1 ELSE 0 END';
            """;
    private static final String ON_DDL = """
            CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
            """;
    private static final String SERVER = """
            CREATE FOREIGN DATA WRAPPER dummy_fdw OPTIONS (debug 'false');
            CREATE SERVER remote TYPE 'dummy' VERSION '1.0' FOREIGN DATA WRAPPER dummy_fdw OPTIONS (host 'db.internal', port '5432');
            CREATE USER MAPPING FOR PUBLIC SERVER remote OPTIONS (user 'reader');
            """;
    private static final String FOREIGN_TABLE = SERVER + """
            DO $$ BEGIN CREATE ROLE fdw_admin; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            CREATE FOREIGN TABLE remote_items (
                id integer OPTIONS (column_name 'item_id') NOT NULL,
                label text COLLATE "C" DEFAULT 'none',
                CONSTRAINT positive CHECK (id > 0)
            ) SERVER remote OPTIONS (schema_name 'shop', table_name 'items');
            COMMENT ON FOREIGN TABLE remote_items IS 'items of the shop';
            GRANT SELECT ON remote_items TO PUBLIC;
            GRANT USAGE ON FOREIGN SERVER remote TO PUBLIC;
            GRANT USAGE ON FOREIGN DATA WRAPPER dummy_fdw TO fdw_admin WITH GRANT OPTION;
            CREATE VIEW remote_labels AS SELECT label FROM remote_items;
            """;

    private static final String DEFAULTS = """
            DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_reader;
            ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
            """;

    static final List<DiffCase> CASES = List.of(
            // ------------------------------------------------------------ default privileges
            DiffCase.of("default privileges for a schema and the whole database, after the objects", "",
                    T + DEFAULTS + "CREATE TABLE u (id int);")
                    .expectSql("CREATE TABLE public.t", "CREATE TABLE public.u",
                            "GRANT SELECT ON TABLE public.u TO app_reader",
                            "ALTER DEFAULT PRIVILEGES FOR ROLE", "REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
                            "IN SCHEMA public GRANT SELECT ON TABLES TO app_reader"),
            DiffCase.of("default privileges change", DEFAULTS,
                    DEFAULTS + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT ON TABLES TO app_reader;",
                    AUTHZ_CHANGE).expectSql("IN SCHEMA public GRANT INSERT ON TABLES TO app_reader"),
            DiffCase.of("default privileges go back to the built-in ones", DEFAULTS, "", AUTHZ_CHANGE)
                    .expectSql("GRANT EXECUTE ON FUNCTIONS TO PUBLIC", "IN SCHEMA public REVOKE SELECT ON TABLES FROM app_reader"),
            // ------------------------------------------------------------ text search
            DiffCase.of("text search configuration used by an index and a generated column", "",
                    CONFIG + FTS_INDEX.replace("t_fts ON t", "d_fts ON d")
                            .replace("(to_tsvector", "(search) WHERE (id > 0 AND to_tsvector")
                            .replace(", name))", ", body) IS NOT NULL)")
                            .replace("CREATE INDEX", "CREATE TABLE d (id int, body text, search tsvector GENERATED ALWAYS AS "
                                    + "(to_tsvector('public.my_english', body)) STORED); CREATE INDEX")
                            + "COMMENT ON TEXT SEARCH CONFIGURATION my_english IS 'no stop words';"
                            + "COMMENT ON TEXT SEARCH DICTIONARY english_nostop IS 'stems, keeps stop words';")
                    .expectSql("CREATE TEXT SEARCH DICTIONARY public.english_nostop (TEMPLATE = pg_catalog.snowball, language = 'english')",
                            "CREATE TEXT SEARCH CONFIGURATION public.my_english (PARSER = pg_catalog.\"default\")",
                            "ADD MAPPING FOR asciiword, word WITH public.english_nostop", "CREATE TABLE public.d"),
            DiffCase.of("text search mapping changes in place, the index stays", T + CONFIG + FTS_INDEX,
                    T + CONFIG.replace("WITH english_nostop", "WITH simple") + FTS_INDEX, HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("ALTER TEXT SEARCH CONFIGURATION public.my_english ALTER MAPPING FOR asciiword WITH simple"),
            DiffCase.of("text search mapping added and dropped",
                    CONFIG + "ALTER TEXT SEARCH CONFIGURATION my_english DROP MAPPING FOR url;",
                    CONFIG + "ALTER TEXT SEARCH CONFIGURATION my_english DROP MAPPING FOR email;", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP MAPPING FOR email", "ADD MAPPING FOR url WITH simple"),
            DiffCase.of("text search dictionary options change", CONFIG,
                    CONFIG.replace("Language = english)", "Language = english, StopWords = english)"), HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("ALTER TEXT SEARCH DICTIONARY public.english_nostop (language = 'english', stopwords = 'english')"),
            DiffCase.of("text search dictionary option removed", CONFIG.replace("Language = english)", "Language = english, StopWords = english)"),
                    CONFIG, HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("ALTER TEXT SEARCH DICTIONARY public.english_nostop (language = 'english', stopwords)"),
            DiffCase.of("drop text search configuration and dictionary", CONFIG, "", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP TEXT SEARCH CONFIGURATION public.my_english", "DROP TEXT SEARCH DICTIONARY public.english_nostop"),
            // ------------------------------------------------------------ aggregates
            DiffCase.of("aggregate used by a view", "", T + AGG + "CREATE VIEW v AS SELECT total_length(name) AS total FROM t;"
                    + "COMMENT ON AGGREGATE total_length(text) IS 'characters in all'; REVOKE ALL ON FUNCTION total_length(text) FROM PUBLIC;")
                    .expectSql("CREATE AGGREGATE public.total_length (text) (SFUNC = public.add_len, STYPE = bigint",
                            "CREATE VIEW public.v", "COMMENT ON AGGREGATE public.total_length(text)"),
            DiffCase.of("aggregates without arguments, with a sort operator, moving", "",
                    "CREATE AGGREGATE my_count(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');"
                            + "CREATE AGGREGATE my_max(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);"
                            + "CREATE AGGREGATE my_sum(integer) (SFUNC = int4pl, STYPE = integer, MSFUNC = int4pl, MINVFUNC = int4mi,"
                            + " MSTYPE = integer, INITCOND = '0', MINITCOND = '0');")
                    .expectSql("CREATE AGGREGATE public.my_count (*)", "SORTOP = OPERATOR(pg_catalog.>)"),
            DiffCase.of("ordered-set aggregate with a comment and revoked privileges", "",
                    "CREATE AGGREGATE my_median(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,"
                            + " FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);"
                            + "COMMENT ON AGGREGATE my_median(float8 ORDER BY float8) IS 'the middle';"
                            + "REVOKE ALL ON FUNCTION my_median(float8, float8) FROM PUBLIC;")
                    .expectSql("CREATE AGGREGATE public.my_median (double precision ORDER BY double precision)",
                            "COMMENT ON AGGREGATE public.my_median(double precision ORDER BY double precision)",
                            "REVOKE EXECUTE ON FUNCTION public.my_median(double precision, double precision) FROM PUBLIC"),
            DiffCase.of("aggregate changes in place, the view stays", T + AGG + "CREATE VIEW v AS SELECT total_length(name) AS total FROM t;",
                    T + AGG.replace("INITCOND = '0'", "INITCOND = '1'") + "CREATE VIEW v AS SELECT total_length(name) AS total FROM t;",
                    HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("CREATE OR REPLACE AGGREGATE public.total_length (text)"),
            DiffCase.of("drop aggregate", AGG, "", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP AGGREGATE public.total_length(text)", "DROP FUNCTION public.add_len(bigint, text)"),
            // ------------------------------------------------------------ operators
            DiffCase.of("operators that are each other's commutator and negator, used by a check", "",
                    OPERATORS + "CREATE OPERATOR ## (RIGHTARG = integer, FUNCTION = int4abs);"
                            + "CREATE TABLE u (name text CHECK (name !== ''), n int CHECK (## n < 100));"
                            + "COMMENT ON OPERATOR === (text, text) IS 'equal ignoring case';")
                    .expectSql("CREATE OPERATOR public.!== (", "CREATE OPERATOR public.=== (", "CREATE TABLE public.u",
                            "COMMENT ON OPERATOR public.=== (text, text)"),
            DiffCase.of("operator changes: dropped and created again", OPERATORS,
                    OPERATORS.replace("RESTRICT = eqsel, JOIN = eqjoinsel", "RESTRICT = neqsel, JOIN = neqjoinsel"), HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP OPERATOR public.=== (text, text)", "CREATE OPERATOR public.=== ("),
            DiffCase.of("drop operators", OPERATORS, "", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP OPERATOR public.!== (text, text)", "DROP FUNCTION public.ci_eq"),
            // ------------------------------------------------------------ casts
            DiffCase.of("casts of a user type", "", MOOD + "CREATE CAST (mood AS integer) WITH FUNCTION mood_score(mood) AS ASSIGNMENT;"
                    + "CREATE CAST (mood AS text) WITH INOUT AS IMPLICIT;"
                    + "CREATE TABLE m (score integer DEFAULT 'ok'::mood);"
                    + "COMMENT ON CAST (mood AS integer) IS 'the score';")
                    .expectSql("CREATE CAST (public.mood AS integer) WITH FUNCTION public.mood_score(public.mood) AS ASSIGNMENT",
                            "CREATE TABLE public.m"),
            DiffCase.of("cast context changes", MOOD + "CREATE CAST (mood AS integer) WITH FUNCTION mood_score(mood);",
                    MOOD + "CREATE CAST (mood AS integer) WITH FUNCTION mood_score(mood) AS IMPLICIT;", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP CAST (public.mood AS integer)", "CREATE CAST (public.mood AS integer)"),
            DiffCase.of("drop cast", MOOD + "CREATE CAST (mood AS integer) WITH FUNCTION mood_score(mood);", MOOD,
                    HAS_UNTRACKABLE_DEPENDENCIES).expectSql("DROP CAST (public.mood AS integer)"),
            // ------------------------------------------------------------ event triggers
            DiffCase.of("event trigger, disabled, with tags", T, T + ON_DDL
                    + "CREATE EVENT TRIGGER log_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION on_ddl();"
                    + "ALTER EVENT TRIGGER log_tables DISABLE; COMMENT ON EVENT TRIGGER log_tables IS 'audit';")
                    .expectSql("CREATE OR REPLACE FUNCTION public.on_ddl()",
                            "CREATE EVENT TRIGGER log_tables ON ddl_command_end WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE') EXECUTE FUNCTION public.on_ddl()",
                            "ALTER EVENT TRIGGER log_tables DISABLE", "COMMENT ON EVENT TRIGGER log_tables"),
            DiffCase.of("event trigger enabled again, and a new one", ON_DDL
                            + "CREATE EVENT TRIGGER a ON ddl_command_start EXECUTE FUNCTION on_ddl(); ALTER EVENT TRIGGER a DISABLE;",
                    ON_DDL + "CREATE EVENT TRIGGER a ON ddl_command_start EXECUTE FUNCTION on_ddl(); ALTER EVENT TRIGGER a ENABLE ALWAYS;"
                            + "CREATE EVENT TRIGGER b ON sql_drop EXECUTE FUNCTION on_ddl();" + T)
                    .expectSql("CREATE TABLE public.t", "CREATE EVENT TRIGGER b ON sql_drop", "ALTER EVENT TRIGGER a ENABLE ALWAYS"),
            DiffCase.of("drop event trigger first", ON_DDL + "CREATE EVENT TRIGGER a ON ddl_command_start EXECUTE FUNCTION on_ddl();", "",
                    HAS_UNTRACKABLE_DEPENDENCIES).expectSql("DROP EVENT TRIGGER a", "DROP FUNCTION public.on_ddl()"),
            // ------------------------------------------------------------ foreign data
            DiffCase.of("foreign table with its server, user mapping and a view", "", FOREIGN_TABLE)
                    .expectSql("CREATE FOREIGN DATA WRAPPER dummy_fdw OPTIONS (debug 'false')",
                            "CREATE SERVER remote TYPE 'dummy' VERSION '1.0' FOREIGN DATA WRAPPER dummy_fdw OPTIONS (host 'db.internal', port '5432')",
                            "CREATE USER MAPPING FOR PUBLIC SERVER remote OPTIONS (\"user\" 'reader')",
                            "CREATE FOREIGN TABLE public.remote_items (",
                            "id integer OPTIONS (column_name 'item_id') NOT NULL", "CONSTRAINT positive CHECK ((id > 0))",
                            ") SERVER remote OPTIONS (schema_name 'shop', table_name 'items')", "CREATE VIEW public.remote_labels",
                            "COMMENT ON FOREIGN TABLE public.remote_items",
                            "GRANT USAGE ON FOREIGN DATA WRAPPER dummy_fdw TO fdw_admin WITH GRANT OPTION",
                            "GRANT USAGE ON FOREIGN SERVER remote TO PUBLIC", "GRANT SELECT ON TABLE public.remote_items TO PUBLIC"),
            DiffCase.of("server and mapping options change", SERVER,
                    SERVER.replace("port '5432'", "dbname 'shop'").replace("VERSION '1.0'", "VERSION '2.0'")
                            .replace("(user 'reader')", "(user 'writer')"))
                    .expectSql("ALTER SERVER remote VERSION '2.0'", "ALTER SERVER remote OPTIONS (DROP port, ADD dbname 'shop')",
                            "ALTER USER MAPPING FOR PUBLIC SERVER remote OPTIONS (SET \"user\" 'writer')"),
            DiffCase.of("foreign table column changes: recreated with its view", FOREIGN_TABLE,
                    FOREIGN_TABLE.replace("label text COLLATE \"C\" DEFAULT 'none'", "label varchar(20)"), HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP VIEW public.remote_labels", "DROP FOREIGN TABLE public.remote_items",
                            "CREATE FOREIGN TABLE public.remote_items", "CREATE VIEW public.remote_labels"),
            DiffCase.of("drop foreign data", FOREIGN_TABLE, "", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP VIEW public.remote_labels", "DROP FOREIGN TABLE public.remote_items",
                            "DROP USER MAPPING FOR PUBLIC SERVER remote", "DROP SERVER remote", "DROP FOREIGN DATA WRAPPER dummy_fdw")
    );
}
