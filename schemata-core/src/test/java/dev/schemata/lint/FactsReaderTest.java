package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.ConstraintKind;
import dev.schemata.lint.StatementFacts.Flag;
import dev.schemata.lint.StatementFacts.Verb;
import dev.schemata.sql.SqlScanner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what a statement does from its tokens, for the spellings the rules depend on. */
class FactsReaderTest {
    private static StatementFacts read(String sql) {
        return FactsReader.read(SqlScanner.split(sql, "test.sql").get(0));
    }

    @Test
    void namesAreFoldedLikePostgresFoldsThem() {
        StatementFacts f = read("ALTER TABLE IF EXISTS ONLY Public.\"Articles\" DROP COLUMN \"Title\", DROP COLUMN Body");
        assertThat(f.table()).isEqualTo(new RelationName("public", "Articles"));
        assertThat(f.has(Flag.IF_EXISTS)).isTrue();
        assertThat(f.actions()).extracting(StatementFacts.Action::column).containsExactly("Title", "body");
        assertThat(f.table().toString()).isEqualTo("public.\"Articles\"");
    }

    @Test
    void alterTableActionsSplitAtTopLevelCommasOnly() {
        StatementFacts f = read("ALTER TABLE t ADD COLUMN a numeric(10, 2) DEFAULT round(1.5, 1) NOT NULL,"
                + " ADD CONSTRAINT c CHECK (a IN (1, 2)) NOT VALID, ALTER COLUMN b TYPE varchar(20) USING b::varchar(20),"
                + " ALTER b SET NOT NULL, RENAME COLUMN x TO y");
        assertThat(f.actions()).extracting(StatementFacts.Action::kind).containsExactly(ActionKind.ADD_COLUMN,
                ActionKind.ADD_CONSTRAINT, ActionKind.ALTER_TYPE, ActionKind.SET_NOT_NULL, ActionKind.RENAME_COLUMN);
        StatementFacts.Column a = f.actions().get(0).definition();
        assertThat(a.type().base()).isEqualTo("numeric");
        assertThat(a.type().modifiers()).containsExactly(10, 2);
        assertThat(a.notNull()).isTrue();
        assertThat(Cursor.join(a.defaultExpr())).isEqualTo("round(1.5, 1)");
        assertThat(f.actions().get(1).constraint().notValid()).isTrue();
        assertThat(f.actions().get(2).using()).isNotEmpty();
        assertThat(f.actions().get(4).newName()).isEqualTo("y");
    }

    @Test
    void defaultNullIsAnExpressionNotAConstraint() {
        StatementFacts.Column c = read("ALTER TABLE t ADD COLUMN a int DEFAULT NULL NOT NULL").actions().get(0).definition();
        assertThat(Cursor.join(c.defaultExpr())).isEqualTo("NULL");
        assertThat(c.notNull()).isTrue();
    }

    @Test
    void createTableColumnsAndConstraints() {
        StatementFacts f = read("CREATE TABLE IF NOT EXISTS app.items (id bigint GENERATED ALWAYS AS IDENTITY, "
                + "owner_id int REFERENCES app.owners, at timestamp(3) without time zone, "
                + "CONSTRAINT items_pk PRIMARY KEY (id), FOREIGN KEY (owner_id, id) REFERENCES x (a, b)) PARTITION BY HASH (id)");
        assertThat(f.is(Verb.CREATE, "TABLE")).isTrue();
        assertThat(f.has(Flag.IF_NOT_EXISTS)).isTrue();
        assertThat(f.has(Flag.PARTITIONED)).isTrue();
        assertThat(f.columns()).extracting(StatementFacts.Column::name).containsExactly("id", "owner_id", "at");
        assertThat(f.columns().get(0).identity()).isTrue();
        assertThat(f.columns().get(1).references()).isEqualTo(new RelationName("app", "owners"));
        assertThat(f.columns().get(2).type().base()).isEqualTo("timestamp");
        assertThat(f.constraints()).extracting(StatementFacts.Constraint::kind)
                .containsExactly(ConstraintKind.PRIMARY_KEY, ConstraintKind.FOREIGN_KEY);
        assertThat(f.constraints().get(1).columns()).containsExactly("owner_id", "id");
        assertThat(f.references()).containsExactly(new RelationName("app", "owners"), RelationName.of("x"));
    }

    @Test
    void createIndexVariants() {
        StatementFacts f = read("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING btree (lower(a), b DESC)");
        assertThat(f.has(Flag.UNIQUE)).isTrue();
        assertThat(f.has(Flag.CONCURRENTLY)).isTrue();
        assertThat(f.has(Flag.ONLY)).isTrue();
        assertThat(f.table()).isEqualTo(new RelationName("s", "t"));
        assertThat(f.items()).containsExactly("", "b");
        assertThat(read("CREATE INDEX ON t (a)").names()).isEmpty();
    }

    @Test
    void settingsFromSetResetAndSetConfig() {
        assertThat(read("SET LOCAL lock_timeout TO '5s'").items()).containsExactly("lock_timeout", "5s");
        assertThat(read("SET lock_timeout = DEFAULT").items()).containsExactly("lock_timeout", "");
        assertThat(read("RESET lock_timeout").verb()).isEqualTo(Verb.RESET);
        assertThat(read("SELECT pg_catalog.set_config('lock_timeout', '3s', false)").items())
                .containsExactly("lock_timeout", "3s");
    }

    @Test
    void vacuumAndReindexOptions() {
        assertThat(read("VACUUM (VERBOSE, FULL) a, b (x)").names()).containsExactly(RelationName.of("a"), RelationName.of("b"));
        assertThat(read("VACUUM (VERBOSE, FULL) a").has(Flag.FULL)).isTrue();
        assertThat(read("VACUUM (FULL off) a").has(Flag.FULL)).isFalse();
        assertThat(read("REINDEX (CONCURRENTLY true) INDEX i").has(Flag.CONCURRENTLY)).isTrue();
        assertThat(read("REINDEX TABLE CONCURRENTLY t").has(Flag.CONCURRENTLY)).isTrue();
    }

    @Test
    void typeNamesAreCanonical() {
        assertThat(TypeName.parse("character varying(255)")).satisfies(t -> {
            assertThat(t.base()).isEqualTo("varchar");
            assertThat(t.length()).isEqualTo(255);
        });
        assertThat(TypeName.parse("timestamp(3) with time zone").base()).isEqualTo("timestamptz");
        assertThat(TypeName.parse("pg_catalog.int4").base()).isEqualTo("integer");
        assertThat(TypeName.parse("\"char\"").base()).isEqualTo("\"char\"");
        assertThat(TypeName.parse("bpchar").base()).isEqualTo("char");
        assertThat(TypeName.parse("integer[]").array()).isTrue();
        assertThat(TypeName.parse("app.mood").base()).isEqualTo("app.mood");
        assertThat(TypeName.parse("double precision").base()).isEqualTo("double precision");
    }

    @Test
    void typeChangesThatDoNotRewrite() {
        assertThat(rewrites("varchar(10)", "varchar(20)")).isFalse();
        assertThat(rewrites("varchar(10)", "text")).isFalse();
        assertThat(rewrites("text", "character varying")).isFalse();
        assertThat(rewrites("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(rewrites("numeric(10,2)", "numeric")).isFalse();
        assertThat(rewrites("cidr", "inet")).isFalse();
        assertThat(rewrites("timestamp(0)", "timestamp(3)")).isFalse();

        assertThat(rewrites("varchar(20)", "varchar(10)")).isTrue();
        assertThat(rewrites("text", "varchar(10)")).isTrue();
        assertThat(rewrites("numeric(10,2)", "numeric(12,3)")).isTrue();
        assertThat(rewrites("integer", "bigint")).isTrue();
        assertThat(rewrites("timestamp", "timestamptz")).isTrue();
        assertThat(rewrites("text", "text[]")).isTrue();
    }

    private static boolean rewrites(String from, String to) {
        return TypeChanges.rewrites(TypeName.parse(from), TypeName.parse(to), java.util.List.of(), "c");
    }
}
