package dev.schemata.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule: SQL that must raise it, and near misses that must not. Each firing case is also checked
 * inside a string literal, inside comments and inside a dollar-quoted function body, where it must raise
 * nothing. Rules that need table sizes from a database are covered in {@link LiveLintTest}.
 */
class RuleCasesTest {

    /** A rule, SQL that raises it (as file {@code file}), and SQL in the same file that must not. */
    record Case(String rule, String file, String fires, List<String> nearMisses) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Case c(String rule, String fires, String... nearMisses) {
        return new Case(rule, "001_test.sql", fires, List.of(nearMisses));
    }

    static final String CREATE_ARTICLES = "CREATE TABLE articles (id bigint PRIMARY KEY, title text, author_id bigint,"
            + " score int, slug text);\n";

    static Stream<Case> cases() {
        return Stream.of(
                c("index-not-concurrent", "CREATE INDEX articles_title_idx ON articles (title);",
                        "CREATE INDEX CONCURRENTLY articles_title_idx ON articles (title);",
                        CREATE_ARTICLES + "CREATE INDEX articles_title_idx ON articles (title);",
                        "CREATE TABLE articles AS SELECT 1 AS title;\nCREATE INDEX articles_title_idx ON articles (title);"),
                c("drop-index-not-concurrent", "DROP INDEX articles_title_idx;",
                        "DROP INDEX CONCURRENTLY IF EXISTS articles_title_idx;",
                        CREATE_ARTICLES + "CREATE INDEX articles_title_idx ON articles (title);\nDROP INDEX articles_title_idx;"),
                c("reindex-not-concurrent", "REINDEX INDEX articles_title_idx;",
                        "REINDEX INDEX CONCURRENTLY articles_title_idx;",
                        "REINDEX (VERBOSE, CONCURRENTLY) TABLE articles;"),
                c("concurrently-in-transaction", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON articles (title);\nCOMMIT;",
                        "CREATE INDEX CONCURRENTLY i ON articles (title);",
                        "BEGIN;\nCREATE INDEX i ON articles (title);\nCOMMIT;\nCREATE INDEX CONCURRENTLY j ON articles (title);"),
                c("add-column-not-null-no-default", "ALTER TABLE articles ADD COLUMN status text NOT NULL;",
                        "ALTER TABLE articles ADD COLUMN status text NOT NULL DEFAULT 'draft';",
                        "ALTER TABLE articles ADD COLUMN status text;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD COLUMN status text NOT NULL;"),
                c("add-column-volatile-default", "ALTER TABLE articles ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
                        "ALTER TABLE articles ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();",
                        "ALTER TABLE articles ADD COLUMN label text DEFAULT 'random()';",
                        "CREATE FUNCTION pick() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;\n"
                                + "ALTER TABLE articles ADD COLUMN n int DEFAULT pick();",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD COLUMN public_id uuid DEFAULT gen_random_uuid();"),
                c("add-column-generated", "ALTER TABLE articles ADD COLUMN seq bigserial;",
                        "ALTER TABLE articles ADD COLUMN seq bigint;",
                        "ALTER TABLE articles ADD COLUMN total int GENERATED ALWAYS AS (score * 2) VIRTUAL;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;"),
                c("alter-column-type", "ALTER TABLE articles ALTER COLUMN score TYPE bigint;",
                        "ALTER TABLE articles ALTER COLUMN title TYPE text;",
                        "ALTER TABLE articles ADD COLUMN code varchar(10);\n"
                                + "ALTER TABLE articles ALTER COLUMN code TYPE varchar(20);",
                        "ALTER TABLE articles ADD COLUMN price numeric(10, 2);\n"
                                + "ALTER TABLE articles ALTER COLUMN price SET DATA TYPE numeric(12, 2);",
                        CREATE_ARTICLES + "ALTER TABLE articles ALTER COLUMN score TYPE bigint;"),
                c("set-not-null", "ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;",
                        "ALTER TABLE articles ADD CONSTRAINT articles_author_id_nn NOT NULL author_id NOT VALID;",
                        "ALTER TABLE articles ADD CONSTRAINT articles_author_id_nn NOT NULL author_id NOT VALID;\n"
                                + "ALTER TABLE articles VALIDATE CONSTRAINT articles_author_id_nn;\n"
                                + "ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;",
                        "ALTER TABLE articles ADD CONSTRAINT articles_author_nn CHECK (author_id IS NOT NULL) NOT VALID;\n"
                                + "ALTER TABLE articles VALIDATE CONSTRAINT articles_author_nn;\n"
                                + "ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;",
                        "ALTER TABLE articles ALTER COLUMN author_id DROP NOT NULL;",
                        CREATE_ARTICLES + "ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;"),
                c("add-foreign-key-not-valid",
                        "ALTER TABLE articles ADD CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES users (id);",
                        "ALTER TABLE articles ADD CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;",
                        "ALTER TABLE articles VALIDATE CONSTRAINT articles_author_fk;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD FOREIGN KEY (author_id) REFERENCES users (id);"),
                c("add-check-not-valid", "ALTER TABLE articles ADD CONSTRAINT articles_score CHECK (score >= 0);",
                        "ALTER TABLE articles ADD CONSTRAINT articles_score CHECK (score >= 0) NOT VALID;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD CHECK (score >= 0);"),
                c("add-unique-without-index", "ALTER TABLE articles ADD CONSTRAINT articles_slug_key UNIQUE (slug);",
                        "ALTER TABLE articles ADD CONSTRAINT articles_slug_key UNIQUE USING INDEX articles_slug_key;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD UNIQUE (slug);"),
                c("add-primary-key-without-index", "ALTER TABLE events ADD PRIMARY KEY (id);",
                        "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;",
                        "CREATE TABLE events (id bigint NOT NULL);\nALTER TABLE events ADD PRIMARY KEY (id);"),
                c("add-exclusion-constraint",
                        "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
                        "CREATE TABLE bookings (room int, during tstzrange);\n"
                                + "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);"),
                c("drop-column", "ALTER TABLE articles DROP COLUMN legacy_rank;",
                        "ALTER TABLE articles DROP CONSTRAINT legacy_rank;",
                        CREATE_ARTICLES + "ALTER TABLE articles DROP COLUMN slug;"),
                c("drop-table", "DROP TABLE legacy_sessions;",
                        "DROP VIEW legacy_sessions;",
                        "CREATE TABLE scratch (a int);\nDROP TABLE scratch;"),
                c("drop-schema", "DROP SCHEMA reporting CASCADE;",
                        "CREATE SCHEMA scratch;\nDROP SCHEMA scratch;"),
                c("truncate", "TRUNCATE sessions;",
                        "DELETE FROM sessions WHERE expires_at < now();",
                        "CREATE TABLE scratch (a int);\nTRUNCATE scratch;"),
                c("rename-column", "ALTER TABLE articles RENAME COLUMN title TO headline;",
                        "ALTER TABLE articles RENAME CONSTRAINT articles_title_check TO articles_headline_check;",
                        CREATE_ARTICLES + "ALTER TABLE articles RENAME title TO headline;"),
                c("rename-table", "ALTER TABLE posts RENAME TO articles;",
                        "ALTER INDEX posts_pkey RENAME TO articles_pkey;",
                        "CREATE TABLE posts (id int);\nALTER TABLE posts RENAME TO articles;"),
                c("enum-value-order", "CREATE TYPE status AS ENUM ('draft', 'published');\n"
                                + "ALTER TYPE status RENAME TO status_old;\n"
                                + "CREATE TYPE status AS ENUM ('published', 'draft');",
                        "CREATE TYPE status AS ENUM ('draft', 'published');\n"
                                + "ALTER TYPE status RENAME TO status_old;\n"
                                + "CREATE TYPE status AS ENUM ('draft', 'review', 'published');",
                        "CREATE TYPE status AS ENUM ('draft', 'published');\n"
                                + "ALTER TYPE status ADD VALUE 'review' BEFORE 'published';"),
                c("drop-database", "DROP DATABASE production;",
                        "CREATE DATABASE scratch;",
                        "DROP TABLE database_sizes;"),
                c("missing-lock-timeout", "ALTER TABLE articles ADD COLUMN summary text;",
                        "SET lock_timeout = '5s';\nALTER TABLE articles ADD COLUMN summary text;",
                        "SET LOCAL lock_timeout TO 5000;\nALTER TABLE articles ADD COLUMN summary text;",
                        "SELECT set_config('lock_timeout', '2s', true);\nALTER TABLE articles ADD COLUMN summary text;",
                        "-- schemata:lock-timeout 5s\nALTER TABLE articles ADD COLUMN summary text;",
                        "CREATE INDEX CONCURRENTLY articles_title_idx ON articles (title);",
                        "ALTER TABLE articles VALIDATE CONSTRAINT articles_author_fk;",
                        CREATE_ARTICLES + "ALTER TABLE articles ADD COLUMN summary text;"),
                c("vacuum-full", "VACUUM (FULL, ANALYZE) articles;",
                        "VACUUM (ANALYZE) articles;",
                        "VACUUM (FULL false) articles;",
                        CREATE_ARTICLES + "VACUUM FULL articles;"),
                c("cluster", "CLUSTER articles USING articles_pkey;",
                        "ALTER TABLE articles CLUSTER ON articles_pkey;",
                        CREATE_ARTICLES + "CLUSTER articles USING articles_pkey;"),
                c("add-trigger", "CREATE TRIGGER articles_touch BEFORE UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION touch();",
                        "DROP TRIGGER IF EXISTS articles_touch ON articles;",
                        CREATE_ARTICLES + "CREATE TRIGGER articles_touch BEFORE UPDATE ON articles"
                                + " FOR EACH ROW EXECUTE FUNCTION touch();"),
                c("timestamp-without-time-zone", "CREATE TABLE events (at timestamp(3) without time zone);",
                        "CREATE TABLE events (at timestamptz);",
                        "CREATE TABLE events (at timestamp with time zone, note text DEFAULT 'timestamp');"),
                c("char-column", "CREATE TABLE countries (code character(2));",
                        "CREATE TABLE countries (code \"char\", name character varying(50));"),
                c("serial-column", "CREATE TABLE articles (id serial);",
                        "CREATE TABLE articles (id bigint GENERATED ALWAYS AS IDENTITY, serial text);"),
                c("int-primary-key", "CREATE TABLE articles (id int, title text, PRIMARY KEY (id));",
                        "CREATE TABLE articles (id bigint PRIMARY KEY);",
                        "CREATE TABLE tags_articles (tag_id int, article_id int, PRIMARY KEY (tag_id, article_id));"),
                c("foreign-key-without-index",
                        "CREATE TABLE comments (id bigint PRIMARY KEY, article_id bigint REFERENCES articles (id));",
                        "CREATE TABLE comments (id bigint PRIMARY KEY, article_id bigint REFERENCES articles (id));\n"
                                + "CREATE INDEX comments_article_id_idx ON comments (article_id, id);",
                        "CREATE TABLE tags_articles (article_id bigint REFERENCES articles (id), tag text,"
                                + " PRIMARY KEY (article_id, tag));"),
                new Case("init-not-rerunnable", "init.sql", "CREATE TABLE settings (key text PRIMARY KEY);",
                        List.of("CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY);",
                                "INSERT INTO settings VALUES ('theme') ON CONFLICT DO NOTHING;",
                                "CREATE OR REPLACE VIEW v AS SELECT 1;")));
    }

    /** Rules only a database can raise: they need a partitioned table the database knows. */
    static final Set<String> DATABASE_ONLY = Set.of("index-on-partitioned-table");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fires(Case c) {
        assertThat(Lint.file(c.file(), c.fires()).rules()).as(c.fires()).contains(c.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nearMissesDoNotFire(Case c) {
        for (String sql : c.nearMisses()) {
            assertThat(Lint.file(c.file(), sql).rules()).as(sql).doesNotContain(c.rule());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameWordsInAStringACommentOrAFunctionBodyDoNotFire(Case c) {
        String asString = "SELECT '" + c.fires().replace("'", "''") + "';";
        String asLineComments = "SELECT 1; -- " + c.fires().replace("\n", "\n-- ");
        String asBlockComment = "/* " + c.fires() + " */ SELECT 1;";
        String asFunctionBody = "CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n"
                + c.fires() + "\nEND\n$body$;";
        String asDoBlock = "DO $$ BEGIN EXECUTE $x$" + c.fires() + "$x$; END $$;";
        for (String sql : List.of(asString, asLineComments, asBlockComment, asFunctionBody, asDoBlock)) {
            assertThat(Lint.file(c.file(), sql).rules()).as(sql).doesNotContain(c.rule());
        }
    }

    @Test
    void whenEarlierFilesCountAsAppliedTheirTablesAreNoLongerNew() {
        Lint run = Lint.file("001_create.sql", "CREATE TABLE events (id bigint, kind char(10));\nCREATE INDEX e1 ON events (id);")
                .and("002_change.sql", "CREATE INDEX events_kind_idx ON events (kind);\n"
                        + "ALTER TABLE events ALTER COLUMN kind TYPE text;\nDROP INDEX e1;");
        assertThat(run.rules()).doesNotContain("index-not-concurrent", "alter-column-type", "drop-index-not-concurrent");
        Lint history = run.options(LintOptions.defaults().withEarlierFilesApplied(true));
        assertThat(history.findings()).filteredOn(f -> f.file().equals("002_change.sql")).extracting(Finding::rule)
                .as("the column's type char(10) is known from 001, and char to text rewrites")
                .contains("index-not-concurrent", "alter-column-type", "drop-index-not-concurrent");
        assertThat(history.findings()).filteredOn(f -> f.file().equals("001_create.sql")).extracting(Finding::rule)
                .doesNotContain("index-not-concurrent");
    }

    @Test
    void aRenamedColumnKeepsItsKnownType() {
        Lint lint = Lint.file("001_users.sql", "CREATE TABLE users (icon bytea);")
                .and("002_avatar.sql", "ALTER TABLE users RENAME COLUMN icon TO avatar;\n"
                        + "ALTER TABLE users ALTER COLUMN avatar TYPE text;")
                .options(LintOptions.defaults().withEarlierFilesApplied(true));
        assertThat(lint.of("alter-column-type")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("from bytea to text"));
    }

    @Test
    void aNotNullTableConstraintScansLikeSetNotNull() {
        assertThat(Lint.sql("ALTER TABLE articles ADD CONSTRAINT articles_author_id_nn NOT NULL author_id;").rules())
                .contains("set-not-null");
    }

    @Test
    void everyRuleHasACase() {
        Set<String> covered = new HashSet<>(DATABASE_ONLY);
        cases().forEach(c -> covered.add(c.rule()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Rules.all().stream().map(Rule::id).toList());
    }

    @Test
    void initSqlRuleOnlyAppliesToFilesThatRunAgain() {
        assertThat(Lint.file("migrations/001_settings.sql", "CREATE TABLE settings (key text);").rules())
                .doesNotContain("init-not-rerunnable");
        assertThat(Lint.file("db/INIT.SQL", "CREATE TABLE settings (key text);").rules())
                .contains("init-not-rerunnable");
    }
}
