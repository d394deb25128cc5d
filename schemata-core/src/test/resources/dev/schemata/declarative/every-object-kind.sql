-- A schema that uses every kind of object pg_dump knows that a database owner can create on a stock
-- PostgreSQL server (security labels need a label provider module, so they are not here). The test that
-- reads it (EveryObjectKindTest) lists which kinds Schemata represents and which make dump-schema fail.

CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';
CREATE EXTENSION postgres_fdw;
CREATE COLLATION app.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- types
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE DOMAIN app.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text);
CREATE TYPE app.float_range AS RANGE (subtype = float8);
CREATE TYPE app.shell_only;

-- functions, procedures, aggregates, operators, casts
CREATE FUNCTION app.mood_score(app.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT CASE $1 WHEN 'ok' THEN 1 ELSE 0 END $$;
CREATE PROCEDURE app.noop() LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FUNCTION app.add_len(bigint, text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + length($2) $$;
CREATE AGGREGATE app.total_length(text) (SFUNC = app.add_len, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION app.ci_eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT lower($1) = lower($2) $$;
CREATE OPERATOR app.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = app.ci_eq, COMMUTATOR = OPERATOR(app.===));
CREATE OPERATOR FAMILY app.ci_ops USING hash;
CREATE OPERATOR CLASS app.int_ops FOR TYPE integer USING btree AS OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 btint4cmp(integer, integer);
CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood) AS ASSIGNMENT;
CREATE CONVERSION app.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE ACCESS METHOD app_btree TYPE INDEX HANDLER bthandler;
CREATE LANGUAGE plpgsql_copy HANDLER plpgsql_call_handler;

-- text search
CREATE TEXT SEARCH PARSER app.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE app.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.english_nostop (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION app.english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION app.english ALTER MAPPING FOR asciiword, word WITH app.english_nostop;

-- tables and what belongs to them
CREATE SEQUENCE app.ticket_numbers START 1000;
CREATE TABLE app.parent (id integer PRIMARY KEY, note text);
CREATE TABLE app.child (extra text) INHERITS (app.parent);
CREATE TABLE app.events (id bigint GENERATED ALWAYS AS IDENTITY, at date NOT NULL, mood app.mood, body text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('app.english', body)) STORED,
    CONSTRAINT events_pkey PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_search ON app.events USING gin (search);
CREATE TABLE app.docs (id integer PRIMARY KEY, title text COLLATE app.case_insensitive, n app.positive,
    parent_id integer REFERENCES app.parent (id), CHECK (title <> ''));
ALTER TABLE app.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_mine ON app.docs USING (n > 0);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER docs_touch BEFORE UPDATE ON app.docs FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE RULE docs_keep AS ON DELETE TO app.docs DO INSTEAD NOTHING;
CREATE STATISTICS app.docs_stats ON id, n FROM app.docs;
ALTER TABLE app.docs ALTER COLUMN n SET STATISTICS 200;
CLUSTER app.docs USING docs_pkey;
COMMENT ON TABLE app.docs IS 'documents';
CREATE VIEW app.doc_titles AS SELECT id, title FROM app.docs;
CREATE MATERIALIZED VIEW app.doc_lengths AS SELECT app.total_length(title) AS total FROM app.docs;

-- foreign data
CREATE FOREIGN DATA WRAPPER dummy_fdw;
CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.internal', dbname 'archive');
CREATE USER MAPPING FOR PUBLIC SERVER archive OPTIONS (user 'reader');
CREATE FOREIGN TABLE app.old_docs (id integer, title text) SERVER archive OPTIONS (table_name 'docs');

-- database-wide and privileges
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER app_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();
CREATE PUBLICATION app_changes FOR TABLE app.docs;
CREATE SUBSCRIPTION app_feed CONNECTION 'dbname=nowhere' PUBLICATION app_changes WITH (connect = false, slot_name = NONE);
GRANT SELECT ON app.doc_titles TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
SELECT lo_create(0);
