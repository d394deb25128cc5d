package dev.schemata.diff;

import java.util.List;

import static dev.schemata.diff.HazardKind.*;

/**
 * The object kinds besides tables, columns, constraints and indexes: views, functions, triggers, sequences,
 * types, extensions, schemas, policies, privileges and comments.
 */
final class ObjectCases {
    private ObjectCases() {
    }

    private static final String T = "CREATE TABLE t (id int PRIMARY KEY, name text, n int);";
    private static final String ROLES = """
            DO $$ BEGIN CREATE ROLE reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            """;
    private static final String TOUCH = """
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 1; RETURN NEW; END $$;
            """;

    static final List<DiffCase> CASES = List.of(
            // ------------------------------------------------------------ views
            DiffCase.of("create view", T, T + "CREATE VIEW v AS SELECT id, name FROM t WHERE n > 0;"),
            DiffCase.of("drop view", T + "CREATE VIEW v AS SELECT id FROM t;", T),
            DiffCase.of("change view", T + "CREATE VIEW v AS SELECT id FROM t;", T + "CREATE VIEW v AS SELECT id, name FROM t;")
                    .expectSql("DROP VIEW public.v", "CREATE VIEW public.v (id, name) AS"),
            DiffCase.of("views on views are recreated in order",
                    T + "CREATE VIEW a AS SELECT id, n FROM t; CREATE VIEW b AS SELECT id FROM a;",
                    T + "CREATE VIEW a AS SELECT id, n, name FROM t; CREATE VIEW b AS SELECT id FROM a;")
                    .expectSql("DROP VIEW public.b", "DROP VIEW public.a", "CREATE VIEW public.a", "CREATE VIEW public.b"),
            DiffCase.of("column under a view is retyped",
                    T + "CREATE VIEW v AS SELECT id, n FROM t;",
                    "CREATE TABLE t (id int PRIMARY KEY, name text, n bigint); CREATE VIEW v AS SELECT id, n FROM t;",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("DROP VIEW public.v", "TYPE bigint", "CREATE VIEW public.v"),
            DiffCase.of("view options", T + "CREATE VIEW v AS SELECT id FROM t;",
                    T + "CREATE VIEW v WITH (security_barrier = true) AS SELECT id FROM t;"),
            DiffCase.of("materialized view with index", T,
                    T + "CREATE MATERIALIZED VIEW mv AS SELECT n, count(*) AS c FROM t GROUP BY n; CREATE UNIQUE INDEX mv_n ON mv (n);"),
            DiffCase.of("materialized view changes: its index comes back",
                    T + "CREATE MATERIALIZED VIEW mv AS SELECT n FROM t; CREATE INDEX mv_n ON mv (n);",
                    T + "CREATE MATERIALIZED VIEW mv AS SELECT n, id FROM t; CREATE INDEX mv_n ON mv (n);"),
            DiffCase.same("same view written two ways", T + "CREATE VIEW v AS SELECT id FROM t;",
                    T + "create view V as select ID from public.T;"),
            // ------------------------------------------------------------ functions and triggers
            DiffCase.of("create function", "", "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';"),
            DiffCase.of("replace function body", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
                    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2';", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("CREATE OR REPLACE FUNCTION public.f()"),
            DiffCase.of("function result type changes", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
                    "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';", HAS_UNTRACKABLE_DEPENDENCIES)
                    .expectSql("DROP FUNCTION public.f()", "CREATE OR REPLACE FUNCTION public.f()"),
            DiffCase.of("drop function", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';", "",
                    HAS_UNTRACKABLE_DEPENDENCIES),
            DiffCase.of("overloads are separate functions", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';",
                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';"
                            + "CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS 'SELECT a';"),
            DiffCase.of("procedure", "", "CREATE PROCEDURE p(x int) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', x; END $$;"),
            DiffCase.of("sql-standard body reads a new table", "",
                    T + "CREATE FUNCTION names() RETURNS SETOF text LANGUAGE sql BEGIN ATOMIC SELECT name FROM t; END;"),
            DiffCase.of("function returning a table's rows", "", T + "CREATE FUNCTION all_t() RETURNS SETOF t LANGUAGE sql AS 'SELECT * FROM t';"),
            DiffCase.of("create trigger", T + TOUCH, T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();"),
            DiffCase.of("trigger and its function on a new table", "",
                    T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();")
                    .expectSql("CREATE OR REPLACE FUNCTION public.touch()", "CREATE TABLE public.t", "CREATE TRIGGER t_touch"),
            DiffCase.of("change trigger", T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();")
                    .expectSql("DROP TRIGGER t_touch ON public.t", "CREATE TRIGGER t_touch"),
            DiffCase.of("disable trigger", T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();"
                            + "ALTER TABLE t DISABLE TRIGGER t_touch;"),
            DiffCase.of("drop trigger and function", T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    T, HAS_UNTRACKABLE_DEPENDENCIES).expectSql("DROP TRIGGER", "DROP FUNCTION public.touch()"),
            DiffCase.of("trigger function recreated: trigger follows",
                    T + TOUCH + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    T + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 2; RETURN NEW; END $$;"
                            + "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    HAS_UNTRACKABLE_DEPENDENCIES),
            // ------------------------------------------------------------ sequences
            DiffCase.of("create sequence", "", "CREATE SEQUENCE s AS integer START 100 INCREMENT 10 CACHE 5;"),
            DiffCase.of("alter sequence", "CREATE SEQUENCE s;", "CREATE SEQUENCE s INCREMENT 2 MAXVALUE 1000 CYCLE;"),
            DiffCase.of("drop sequence", "CREATE SEQUENCE s;", ""),
            DiffCase.of("sequence owned by a column", T + "CREATE SEQUENCE s;",
                    T + "CREATE SEQUENCE s OWNED BY t.n; ALTER TABLE t ALTER COLUMN n SET DEFAULT nextval('s');"),
            // ------------------------------------------------------------ types
            DiffCase.of("create enum and use it", "", "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok');"),
            DiffCase.of("add enum labels", "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok');",
                    "CREATE TYPE mood AS ENUM ('awful', 'sad', 'ok', 'meh', 'happy'); CREATE TABLE t (m mood DEFAULT 'ok');")
                    .expectSql("ADD VALUE 'awful' BEFORE 'sad'", "ADD VALUE 'meh' AFTER 'ok'", "ADD VALUE 'happy' AFTER 'meh'"),
            DiffCase.of("remove enum label: type swapped under its columns",
                    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (m mood DEFAULT 'ok', ms mood[]);"
                            + "CREATE VIEW v AS SELECT m FROM t;",
                    "CREATE TYPE mood AS ENUM ('happy', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok', ms mood[]);"
                            + "CREATE VIEW v AS SELECT m FROM t;",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("RENAME TO mood__schemata_old", "CREATE TYPE public.mood AS ENUM ('happy', 'ok')",
                            "USING m::text::public.mood", "DROP TYPE public.mood__schemata_old"),
            DiffCase.of("drop enum", "CREATE TYPE mood AS ENUM ('sad');", ""),
            // A column moved from one enum (or domain) to another: no cast joins them, the labels go through text.
            DiffCase.of("column moves to an enum of another schema",
                    "CREATE SCHEMA other; CREATE TYPE mood AS ENUM ('sad', 'ok');"
                            + "CREATE TYPE other.feeling AS ENUM ('sad', 'ok', 'glad');"
                            + "CREATE TABLE t (m mood DEFAULT 'ok', ms mood[], n mood);",
                    "CREATE SCHEMA other; CREATE TYPE mood AS ENUM ('sad', 'ok');"
                            + "CREATE TYPE other.feeling AS ENUM ('sad', 'ok', 'glad');"
                            + "CREATE TABLE t (m other.feeling DEFAULT 'glad', ms other.feeling[], n other.feeling);",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("TYPE other.feeling USING m::text::other.feeling", "TYPE other.feeling[] USING ms::text[]::other.feeling[]"),
            DiffCase.of("column moves to a new enum, the old one is dropped",
                    "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood);",
                    "CREATE TYPE feeling AS ENUM ('ok', 'sad'); CREATE TABLE t (m feeling);",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("CREATE TYPE public.feeling", "USING m::text::public.feeling", "DROP TYPE public.mood"),
            DiffCase.of("enum to text and text to enum",
                    "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok', s text DEFAULT 'sad');",
                    "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m text DEFAULT 'ok', s mood DEFAULT 'sad');",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("ALTER COLUMN m TYPE text;", "ALTER COLUMN s TYPE public.mood USING s::text::public.mood"),
            DiffCase.of("domain to another domain",
                    "CREATE DOMAIN posint AS integer CHECK (VALUE > 0); CREATE DOMAIN label AS text CHECK (VALUE <> '');"
                            + "CREATE TABLE t (n posint DEFAULT 1, s label DEFAULT '7');",
                    "CREATE DOMAIN posint AS integer CHECK (VALUE > 0); CREATE DOMAIN label AS text CHECK (VALUE <> '');"
                            + "CREATE TABLE t (n label DEFAULT '1', s posint DEFAULT 7);",
                    DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("ALTER COLUMN n TYPE public.label;", "ALTER COLUMN s TYPE public.posint USING s::integer"),
            DiffCase.of("domain over one enum to a domain over another",
                    "CREATE TYPE a AS ENUM ('x', 'y'); CREATE TYPE b AS ENUM ('y', 'x');"
                            + "CREATE DOMAIN da AS a; CREATE DOMAIN db AS b NOT NULL; CREATE TABLE t (v da DEFAULT 'y');",
                    "CREATE TYPE a AS ENUM ('x', 'y'); CREATE TYPE b AS ENUM ('y', 'x');"
                            + "CREATE DOMAIN da AS a; CREATE DOMAIN db AS b NOT NULL; CREATE TABLE t (v db DEFAULT 'y');",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("TYPE public.db USING v::text::public.b"),
            DiffCase.of("domain over varchar narrows: the limit is applied by assignment",
                    "CREATE DOMAIN code AS varchar(10); CREATE DOMAIN short AS varchar(3); CREATE TABLE t (c code DEFAULT 'abc');",
                    "CREATE DOMAIN code AS varchar(10); CREATE DOMAIN short AS varchar(3); CREATE TABLE t (c short DEFAULT 'abc');",
                    DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK)
                    .expectSql("ALTER COLUMN c TYPE public.short;"),
            DiffCase.of("create domain and use it", "",
                    "CREATE DOMAIN posint AS integer NOT NULL DEFAULT 1 CONSTRAINT pos CHECK (VALUE > 0); CREATE TABLE t (n posint);"),
            DiffCase.of("alter domain", "CREATE DOMAIN d AS integer CONSTRAINT pos CHECK (VALUE > 0);",
                    "CREATE DOMAIN d AS integer DEFAULT 5 NOT NULL CONSTRAINT pos CHECK (VALUE >= 0) CONSTRAINT small CHECK (VALUE < 100);",
                    SCAN_UNDER_LOCK),
            DiffCase.of("composite type", "", "CREATE TYPE pair AS (a int, b text COLLATE \"C\");"),
            DiffCase.of("alter composite type", "CREATE TYPE pair AS (a int, b text);", "CREATE TYPE pair AS (a bigint, c date);"),
            DiffCase.of("collation", "", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
                    + "CREATE TABLE t (name text COLLATE ci);"),
            // ------------------------------------------------------------ schemas and extensions
            DiffCase.of("create extension", "", "CREATE EXTENSION citext; CREATE TABLE t (email citext);"),
            DiffCase.of("drop extension", "CREATE EXTENSION pg_trgm;", "", HAS_UNTRACKABLE_DEPENDENCIES),
            DiffCase.of("extension in its own schema", "", "CREATE SCHEMA ext; CREATE EXTENSION hstore WITH SCHEMA ext;"),
            // ------------------------------------------------------------ row-level security and privileges
            DiffCase.of("create policy on a new table", ROLES,
                    ROLES + T + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                            + "CREATE POLICY own ON t FOR SELECT TO reader USING (name = current_user);"),
            DiffCase.of("add policy to a table", ROLES + T,
                    ROLES + T + "CREATE POLICY own ON t AS RESTRICTIVE FOR UPDATE TO reader, writer USING (n > 0) WITH CHECK (n > 1);",
                    AUTHZ_CHANGE),
            DiffCase.of("change policy", ROLES + T + "CREATE POLICY own ON t USING (n > 0);",
                    ROLES + T + "CREATE POLICY own ON t USING (n > 10);", AUTHZ_CHANGE),
            DiffCase.of("drop policy", ROLES + T + "CREATE POLICY own ON t USING (n > 0);", ROLES + T, AUTHZ_CHANGE),
            DiffCase.of("grant on a new table", ROLES, ROLES + T + "GRANT SELECT, INSERT ON t TO reader;"
                    + "GRANT UPDATE (name) ON t TO writer WITH GRANT OPTION;"),
            DiffCase.of("change grants on a table", ROLES + T + "GRANT SELECT, INSERT ON t TO reader; GRANT SELECT ON t TO writer WITH GRANT OPTION;",
                    ROLES + T + "GRANT SELECT ON t TO reader; GRANT SELECT ON t TO writer; GRANT SELECT (n) ON t TO writer;",
                    AUTHZ_CHANGE),
            DiffCase.of("revoke function execute from public", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
                    ROLES + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                            + "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO reader;", AUTHZ_CHANGE),
            DiffCase.of("grants on schema, sequence and type", ROLES,
                    ROLES + "CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO reader; CREATE SEQUENCE app.s;"
                            + "GRANT USAGE ON SEQUENCE app.s TO writer; CREATE TYPE app.e AS ENUM ('a');"
                            + "REVOKE USAGE ON TYPE app.e FROM PUBLIC;"),
            DiffCase.of("grants survive a recreated view", ROLES + T + "CREATE VIEW v AS SELECT id FROM t; GRANT SELECT ON v TO reader;",
                    ROLES + T + "CREATE VIEW v AS SELECT id, n FROM t; GRANT SELECT ON v TO reader;"),
            // ------------------------------------------------------------ comments
            DiffCase.of("comments on everything", T + TOUCH + "CREATE INDEX t_n ON t (n); CREATE VIEW v AS SELECT id FROM t;"
                            + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();",
                    T + TOUCH + "CREATE INDEX t_n ON t (n); CREATE VIEW v AS SELECT id FROM t;"
                            + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();"
                            + "COMMENT ON TABLE t IS 'the t''s'; COMMENT ON COLUMN t.n IS 'n'; COMMENT ON INDEX t_n IS 'i';"
                            + "COMMENT ON CONSTRAINT t_pkey ON t IS 'pk'; COMMENT ON VIEW v IS 'v'; COMMENT ON COLUMN v.id IS 'vid';"
                            + "COMMENT ON TRIGGER tr ON t IS 'tr'; COMMENT ON FUNCTION touch() IS 'f'; COMMENT ON SCHEMA public IS 'pub';"),
            DiffCase.of("remove a comment", "CREATE TABLE t (id int); COMMENT ON TABLE t IS 'x';", "CREATE TABLE t (id int);")
                    .expectSql("COMMENT ON TABLE public.t IS NULL"),
            DiffCase.of("comment survives a recreated index", T + "CREATE INDEX t_n ON t (n); COMMENT ON INDEX t_n IS 'i';",
                    T + "CREATE INDEX t_n ON t (n, id); COMMENT ON INDEX t_n IS 'i';", INDEX_DROPPED, INDEX_BUILD));
}
