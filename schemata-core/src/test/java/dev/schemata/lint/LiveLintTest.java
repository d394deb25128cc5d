package dev.schemata.lint;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Linting against a real database: table sizes, tables that do not exist yet, and what the catalog proves. */
@ExtendWith(PostgresExtension.class)
class LiveLintTest {
    /** Nothing is small: every existing table counts as large. */
    private static final LintOptions NOTHING_SMALL = LintOptions.defaults().withThresholds(0, 0);

    private static void bigTable(TestDatabase db, int rows) {
        db.execute("CREATE TABLE articles (id bigint PRIMARY KEY, title varchar(50) NOT NULL, body text,"
                + " author_id bigint, views int)");
        db.execute("INSERT INTO articles SELECT g, 'title ' || g, repeat('x', 200), g % 100, g"
                + " FROM generate_series(1, " + rows + ") AS g");
        db.execute("ANALYZE articles");
    }

    @Test
    void aLargeTableSaysHowLargeItIs(TestDatabase db) throws SQLException {
        bigTable(db, 3000);
        try (Connection c = db.connect()) {
            LintReport report = Lint.sql("CREATE INDEX articles_title_idx ON articles (title);")
                    .options(LintOptions.defaults().withThresholds(1000, 16L << 20)).against(c).report();
            assertThat(report.usedDatabase()).isTrue();
            Finding index = report.findings().stream().filter(f -> f.rule().equals("index-not-concurrent")).findFirst()
                    .orElseThrow();
            assertThat(index.message()).contains("`articles`").contains("about 3,000 rows").containsPattern("\\d+ kB");
            assertThat(index.table().origin()).isEqualTo(TableInfo.Origin.EXISTING);
            assertThat(index.table().rows()).isEqualTo(3000);
            assertThat(index.table().bytes()).isPositive();
        }
    }

    @Test
    void aSmallTableRaisesNoLockOrRewriteFindings(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        String sql = "CREATE INDEX articles_title_idx ON articles (title);\n"
                + "ALTER TABLE articles ALTER COLUMN views TYPE bigint;\n"
                + "ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;\n"
                + "ALTER TABLE articles ADD CONSTRAINT articles_views CHECK (views >= 0);\n";
        try (Connection c = db.connect()) {
            assertThat(Lint.sql(sql).against(c).rules())
                    .as("waiting for the lock is as dangerous on a small table, so only that is reported")
                    .containsExactly("missing-lock-timeout");
            assertThat(Lint.sql(sql).options(LintOptions.defaults().withThresholds(5, 16L << 20)).against(c).rules())
                    .contains("index-not-concurrent", "alter-column-type", "set-not-null", "add-check-not-valid");
        }
    }

    @Test
    void staticLintReportsWhatTheDatabaseWouldSilence(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        try (Connection c = db.connect()) {
            List<String> live = Lint.sql("CREATE INDEX i ON articles (title);").against(c).rules();
            List<String> offline = Lint.sql("CREATE INDEX i ON articles (title);").against(c)
                    .options(LintOptions.defaults().withDatabase(false)).rules();
            assertThat(live).doesNotContain("index-not-concurrent");
            assertThat(offline).contains("index-not-concurrent");
        }
    }

    @Test
    void aTableCreatedInAnEarlierPendingFileRaisesNothing(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Lint lint = Lint.file("001_create.sql", "CREATE TABLE events (id bigint, kind text, at timestamptz);")
                    .and("002_index.sql", "CREATE INDEX events_kind_idx ON events (kind);\n"
                            + "ALTER TABLE events ADD PRIMARY KEY (id);\nALTER TABLE events ALTER COLUMN kind SET NOT NULL;\n"
                            + "ALTER TABLE events DROP COLUMN at;")
                    .options(NOTHING_SMALL).against(c);
            assertThat(lint.rules()).isEmpty();
        }
    }

    @Test
    void aTableTheDatabaseDoesNotHaveRaisesNoLockFindings(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Lint lint = Lint.sql("CREATE INDEX i ON nowhere (a);\nALTER TABLE nowhere DROP COLUMN b;").options(NOTHING_SMALL)
                    .against(c);
            assertThat(lint.rules()).isEmpty();
        }
    }

    @Test
    void createTableIfNotExistsOfAnExistingTableDoesNotMakeItNew(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        try (Connection c = db.connect()) {
            Lint lint = Lint.sql("CREATE TABLE IF NOT EXISTS articles (id bigint);\nCREATE INDEX i ON articles (title);")
                    .options(NOTHING_SMALL).against(c);
            assertThat(lint.rules()).contains("index-not-concurrent");
        }
    }

    @Test
    void aRenamedTableKeepsItsSize(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        try (Connection c = db.connect()) {
            Lint lint = Lint.sql("SET lock_timeout = '1s';\nALTER TABLE articles RENAME TO posts; -- schemata:lint-ignore rename-table\n"
                    + "CREATE INDEX i ON posts (title);").options(NOTHING_SMALL).against(c);
            assertThat(lint.of("index-not-concurrent")).singleElement()
                    .satisfies(f -> assertThat(f.table().origin()).isEqualTo(TableInfo.Origin.EXISTING));
        }
    }

    @Test
    void columnTypeChangesAreCheckedAgainstTheCurrentType(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        try (Connection c = db.connect()) {
            assertThat(typeChange(c, "title TYPE varchar(100)")).isEmpty();
            assertThat(typeChange(c, "title TYPE text")).isEmpty();
            assertThat(typeChange(c, "title TYPE varchar(20)")).singleElement().asString()
                    .contains("from character varying(50) to varchar(20)");
            assertThat(typeChange(c, "views TYPE bigint")).hasSize(1);
            assertThat(typeChange(c, "body TYPE varchar(10)")).hasSize(1);
            assertThat(typeChange(c, "title TYPE varchar(100) USING title || '!'")).hasSize(1);
        }
    }

    private static List<String> typeChange(Connection c, String change) {
        return Lint.sql("ALTER TABLE articles ALTER COLUMN " + change + ";").options(NOTHING_SMALL).against(c)
                .of("alter-column-type").stream().map(Finding::message).toList();
    }

    @Test
    void setNotNullIsQuietWhenTheCatalogAlreadyProvesIt(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        db.execute("ALTER TABLE articles ADD CONSTRAINT author_nn CHECK (author_id IS NOT NULL) NOT VALID");
        try (Connection c = db.connect()) {
            assertThat(Lint.sql("ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;").options(NOTHING_SMALL)
                    .against(c).rules()).as("the check is not validated yet").contains("set-not-null");
        }
        db.execute("ALTER TABLE articles VALIDATE CONSTRAINT author_nn");
        try (Connection c = db.connect()) {
            assertThat(Lint.sql("ALTER TABLE articles ALTER COLUMN author_id SET NOT NULL;\n"
                    + "ALTER TABLE articles ALTER COLUMN title SET NOT NULL;").options(NOTHING_SMALL).against(c).rules())
                    .doesNotContain("set-not-null");
        }
    }

    @Test
    void partitionedTablesAreKnownFromTheDatabase(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at)");
        db.execute("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        db.execute("INSERT INTO events SELECT g, date '2025-01-01' + g % 300 FROM generate_series(1, 500) g");
        db.execute("ANALYZE events");
        try (Connection c = db.connect()) {
            Lint lint = Lint.sql("CREATE INDEX events_at_idx ON events (at);").options(NOTHING_SMALL).against(c);
            assertThat(lint.rules()).contains("index-on-partitioned-table").doesNotContain("index-not-concurrent");
            assertThat(lint.of("index-on-partitioned-table").get(0).table().rows())
                    .as("rows of the partitions").isEqualTo(500);
            assertThat(Lint.sql("CREATE INDEX events_at_idx ON ONLY events (at);").options(NOTHING_SMALL).against(c).rules())
                    .doesNotContain("index-on-partitioned-table", "index-not-concurrent");
            assertThat(Lint.sql("CREATE INDEX events_at_idx ON events (at);").against(c).rules())
                    .as("500 rows is small by default").doesNotContain("index-on-partitioned-table");
        }
    }

    @Test
    void droppingAnIndexNamesItsTable(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        db.execute("CREATE INDEX articles_title_idx ON articles (title)");
        try (Connection c = db.connect()) {
            assertThat(Lint.sql("DROP INDEX articles_title_idx;").options(NOTHING_SMALL).against(c).of("drop-index-not-concurrent"))
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("`public.articles`"));
        }
    }

    @Test
    void foreignKeysAreCheckedAgainstTheDatabasesIndexes(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        String fk = "ALTER TABLE articles ADD CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;";
        try (Connection c = db.connect()) {
            assertThat(Lint.sql(fk).against(c).rules()).contains("foreign-key-without-index");
        }
        db.execute("CREATE INDEX articles_author_idx ON articles (author_id, id)");
        try (Connection c = db.connect()) {
            assertThat(Lint.sql(fk).against(c).rules()).doesNotContain("foreign-key-without-index");
        }
    }

    @Test
    void recreatingAnEnumInAnotherOrderIsComparedWithTheDatabase(TestDatabase db) throws SQLException {
        db.execute("CREATE TYPE status AS ENUM ('draft', 'review', 'published')");
        try (Connection c = db.connect()) {
            String rename = "ALTER TYPE status RENAME TO status_old;\n";
            assertThat(Lint.sql(rename + "CREATE TYPE status AS ENUM ('draft', 'published', 'review');").against(c)
                    .of("enum-value-order")).singleElement().satisfies(f -> assertThat(f.message())
                    .contains("draft, published, review; before: draft, review, published"));
            assertThat(Lint.sql(rename + "CREATE TYPE status AS ENUM ('draft', 'review', 'published', 'archived');")
                    .against(c).rules()).doesNotContain("enum-value-order");
        }
    }

    @Test
    void theLintChangesNothingInTheDatabase(TestDatabase db) throws SQLException {
        bigTable(db, 10);
        try (Connection c = db.connect()) {
            Lint.sql("DROP TABLE articles;\nCREATE INDEX i ON articles (title);").against(c).report();
        }
        assertThat(db.tables()).containsExactly("articles");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'i'")).isEqualTo(0L);
    }
}
