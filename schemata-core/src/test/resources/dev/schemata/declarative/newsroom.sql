-- newsroom: the schema of a news site with full-text search in two languages, written for the tests of
-- this project (it is no copy of another project's). It is meant to be large and realistic rather than
-- minimal: range-, list- and hash-partitioned tables, materialized views with indexes, text search
-- configurations and dictionaries used by generated columns and indexes, aggregates used by views,
-- operators, casts, domains, enums, row-level security, triggers, comments and grants.

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE SCHEMA content;
CREATE SCHEMA search;
CREATE SCHEMA stats;
COMMENT ON SCHEMA content IS 'articles, authors, sections';
COMMENT ON SCHEMA search IS 'full-text search';
COMMENT ON SCHEMA stats IS 'page views and reports';

DO $$ BEGIN CREATE ROLE newsroom_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE newsroom_editor; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- ---------------------------------------------------------------- types
CREATE TYPE content.article_status AS ENUM ('draft', 'review', 'published', 'retracted');
CREATE TYPE content.language AS ENUM ('en', 'de');
CREATE DOMAIN content.slug AS text CONSTRAINT slug_format CHECK (VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
CREATE DOMAIN content.email AS text CONSTRAINT email_format CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');
CREATE DOMAIN stats.non_negative AS bigint NOT NULL DEFAULT 0 CONSTRAINT non_negative_check CHECK (VALUE >= 0);
CREATE TYPE content.byline AS (author_name text, role text);
COMMENT ON TYPE content.article_status IS 'where an article is in its life';

-- ---------------------------------------------------------------- text search
CREATE TEXT SEARCH DICTIONARY search.english_stem_keep (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH DICTIONARY search.german_stem_keep (TEMPLATE = snowball, Language = german);
CREATE TEXT SEARCH DICTIONARY search.english_stop (TEMPLATE = simple, StopWords = english, Accept = false);
CREATE TEXT SEARCH CONFIGURATION search.english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION search.english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH search.english_stop, search.english_stem_keep;
ALTER TEXT SEARCH CONFIGURATION search.english DROP MAPPING FOR email, url, url_path, file;
CREATE TEXT SEARCH CONFIGURATION search.german (COPY = german);
ALTER TEXT SEARCH CONFIGURATION search.german
    ALTER MAPPING FOR asciiword, word WITH search.german_stem_keep;
CREATE TEXT SEARCH CONFIGURATION search.names (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION search.names ADD MAPPING FOR asciiword, word, numword WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION search.english IS 'English with stop words dropped before stemming';

-- ---------------------------------------------------------------- functions, aggregates, operators, casts
CREATE FUNCTION search.config_for(lang content.language) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE lang WHEN 'de' THEN 'search.german'::regconfig ELSE 'search.english'::regconfig END $$;
CREATE FUNCTION search.document(lang content.language, title text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector(search.config_for(lang), coalesce(title, '')), 'A')
              || setweight(to_tsvector(search.config_for(lang), coalesce(body, '')), 'D') $$;
CREATE FUNCTION stats.add_views(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT $1 + $2 $$;
CREATE AGGREGATE stats.total_views(bigint) (SFUNC = stats.add_views, STYPE = bigint, INITCOND = '0',
    COMBINEFUNC = stats.add_views, PARALLEL = SAFE);
CREATE FUNCTION stats.longest_step(text, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT CASE WHEN length($2) > length($1) THEN $2 ELSE $1 END $$;
CREATE AGGREGATE stats.longest(text) (SFUNC = stats.longest_step, STYPE = text);
CREATE AGGREGATE stats.first_seen(timestamptz) (SFUNC = timestamptz_smaller, STYPE = timestamptz, SORTOP = <);
COMMENT ON AGGREGATE stats.total_views(bigint) IS 'sum of view counts that never overflows silently';
CREATE FUNCTION content.slug_eq_ci(content.slug, content.slug) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower($1::text) = lower($2::text) $$;
CREATE OPERATOR content.=~= (LEFTARG = content.slug, RIGHTARG = content.slug, FUNCTION = content.slug_eq_ci,
    COMMUTATOR = OPERATOR(content.=~=), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE FUNCTION content.status_rank(content.article_status) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT array_position(enum_range(NULL::content.article_status), $1) $$;
CREATE CAST (content.article_status AS integer) WITH FUNCTION content.status_rank(content.article_status) AS ASSIGNMENT;
CREATE CAST (content.byline AS text) WITH INOUT;
CREATE FUNCTION content.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE PROCEDURE stats.refresh_reports() LANGUAGE plpgsql AS $$
BEGIN
    REFRESH MATERIALIZED VIEW stats.daily_section_views;
    REFRESH MATERIALIZED VIEW stats.top_articles;
END
$$;

-- ---------------------------------------------------------------- content
CREATE TABLE content.sections (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    slug content.slug NOT NULL UNIQUE,
    name text NOT NULL,
    parent_id integer REFERENCES content.sections (id) ON DELETE RESTRICT,
    position smallint NOT NULL DEFAULT 0
);
CREATE TABLE content.authors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name text NOT NULL,
    email content.email NOT NULL,
    bio text,
    name_search tsvector GENERATED ALWAYS AS (to_tsvector('search.names', display_name)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT authors_email_key UNIQUE (email)
);
CREATE INDEX authors_name_search ON content.authors USING gin (name_search);
CREATE TABLE content.articles (
    id bigint GENERATED ALWAYS AS IDENTITY,
    language content.language NOT NULL DEFAULT 'en',
    section_id integer NOT NULL REFERENCES content.sections (id),
    slug content.slug NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    standfirst text,
    body text NOT NULL DEFAULT '',
    status content.article_status NOT NULL DEFAULT 'draft',
    byline content.byline,
    published_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    document tsvector GENERATED ALWAYS AS (search.document(language, title, body)) STORED,
    CONSTRAINT articles_pkey PRIMARY KEY (id, language),
    CONSTRAINT articles_published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL)
) PARTITION BY LIST (language);
CREATE TABLE content.articles_en PARTITION OF content.articles FOR VALUES IN ('en');
CREATE TABLE content.articles_de PARTITION OF content.articles FOR VALUES IN ('de');
CREATE UNIQUE INDEX articles_slug ON content.articles (language, slug);
CREATE INDEX articles_document ON content.articles USING gin (document);
CREATE INDEX articles_published ON content.articles (published_at DESC) WHERE status = 'published';
CREATE INDEX articles_title_english ON content.articles_en USING gin (to_tsvector('search.english', title));
CREATE TRIGGER articles_touch BEFORE UPDATE ON content.articles FOR EACH ROW EXECUTE FUNCTION content.touch_updated_at();
CREATE TABLE content.article_authors (
    article_id bigint NOT NULL,
    language content.language NOT NULL,
    author_id bigint NOT NULL REFERENCES content.authors (id) ON DELETE CASCADE,
    position smallint NOT NULL DEFAULT 1,
    PRIMARY KEY (article_id, language, author_id),
    FOREIGN KEY (article_id, language) REFERENCES content.articles (id, language) ON DELETE CASCADE
);
CREATE TABLE content.tags (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    slug content.slug NOT NULL,
    label text NOT NULL
);
CREATE UNIQUE INDEX tags_slug_lower ON content.tags (lower(slug::text));
CREATE TABLE content.article_tags (
    article_id bigint NOT NULL,
    language content.language NOT NULL,
    tag_id integer NOT NULL REFERENCES content.tags (id),
    PRIMARY KEY (article_id, language, tag_id),
    FOREIGN KEY (article_id, language) REFERENCES content.articles (id, language) ON DELETE CASCADE
);
CREATE TABLE content.comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL,
    language content.language NOT NULL,
    parent_id bigint REFERENCES content.comments (id),
    author_email content.email NOT NULL,
    body text NOT NULL,
    hidden boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (article_id, language) REFERENCES content.articles (id, language) ON DELETE CASCADE
);
CREATE INDEX comments_article ON content.comments (article_id, language, created_at);
ALTER TABLE content.comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_visible ON content.comments FOR SELECT TO newsroom_reader USING (NOT hidden);
CREATE POLICY comments_editors ON content.comments TO newsroom_editor USING (true) WITH CHECK (true);
CREATE SEQUENCE content.issue_numbers AS integer START 100 INCREMENT 1 CACHE 10;
COMMENT ON TABLE content.articles IS 'one row per article and language';
COMMENT ON COLUMN content.articles.document IS 'weighted search document in the article''s language';

-- ---------------------------------------------------------------- stats
CREATE TABLE stats.page_views (
    viewed_at timestamptz NOT NULL,
    article_id bigint NOT NULL,
    language content.language NOT NULL,
    visitor uuid NOT NULL DEFAULT gen_random_uuid(),
    views stats.non_negative
) PARTITION BY RANGE (viewed_at);
CREATE TABLE stats.page_views_2025_01 PARTITION OF stats.page_views
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
CREATE TABLE stats.page_views_2025_02 PARTITION OF stats.page_views
    FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
CREATE TABLE stats.page_views_default PARTITION OF stats.page_views DEFAULT;
CREATE INDEX page_views_article ON stats.page_views (article_id, language, viewed_at);
CREATE TABLE stats.visitors (
    visitor uuid PRIMARY KEY,
    first_seen timestamptz NOT NULL
) PARTITION BY HASH (visitor);
CREATE TABLE stats.visitors_0 PARTITION OF stats.visitors FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE stats.visitors_1 PARTITION OF stats.visitors FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE stats.search_queries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    language content.language NOT NULL,
    query text NOT NULL,
    parsed tsquery,
    results integer NOT NULL DEFAULT 0,
    asked_at timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 90);

-- ---------------------------------------------------------------- views and materialized views
CREATE VIEW content.published_articles AS
    SELECT a.id, a.language, s.slug AS section, a.slug, a.title, a.standfirst, a.published_at, a.document
    FROM content.articles AS a JOIN content.sections AS s ON s.id = a.section_id
    WHERE a.status = 'published';
CREATE VIEW search.article_hits WITH (security_barrier = true) AS
    SELECT p.id, p.language, p.title, ts_rank(p.document, q.query) AS rank, q.query
    FROM content.published_articles AS p
        CROSS JOIN LATERAL (SELECT websearch_to_tsquery(search.config_for(p.language), '') AS query) AS q;
CREATE MATERIALIZED VIEW stats.daily_section_views AS
    SELECT date_trunc('day', v.viewed_at) AS day, a.section_id, stats.total_views(v.views) AS views,
        count(DISTINCT v.visitor) AS visitors, stats.first_seen(v.viewed_at) AS first_view
    FROM stats.page_views AS v JOIN content.articles AS a ON a.id = v.article_id AND a.language = v.language
    GROUP BY 1, 2
    WITH NO DATA;
CREATE UNIQUE INDEX daily_section_views_key ON stats.daily_section_views (day, section_id);
CREATE MATERIALIZED VIEW stats.top_articles AS
    SELECT v.article_id, v.language, stats.total_views(v.views) AS views, stats.longest(a.title) AS title
    FROM stats.page_views AS v JOIN content.articles AS a ON a.id = v.article_id AND a.language = v.language
    GROUP BY v.article_id, v.language;
CREATE INDEX top_articles_views ON stats.top_articles (views DESC);
COMMENT ON MATERIALIZED VIEW stats.top_articles IS 'refreshed hourly by stats.refresh_reports()';

-- ---------------------------------------------------------------- privileges
GRANT USAGE ON SCHEMA content, search TO newsroom_reader;
GRANT SELECT ON content.published_articles, search.article_hits TO newsroom_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA content TO newsroom_editor;
GRANT SELECT (id, article_id, body, created_at) ON content.comments TO newsroom_reader;
REVOKE EXECUTE ON FUNCTION stats.add_views(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stats.add_views(bigint, bigint) TO newsroom_editor;
