package dev.schemata.migrate;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.migrate.SchemaDifferences.Change;
import dev.schemata.migrate.SchemaDifferences.Difference;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The "what differs" summary, on models read from a real database before and after some DDL. */
@ExtendWith(PostgresExtension.class)
class SchemaDifferencesTest {

    private static SchemaModel read(TestDatabase db) {
        try (Connection c = db.connect()) {
            return CatalogReader.read(c, SchemaFilter.all());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The differences that {@code ddl} makes, worded as after a down. */
    private static List<String> after(TestDatabase db, String setup, String ddl) {
        db.execute(setup);
        SchemaModel before = read(db);
        db.execute(ddl);
        return SchemaDifferences.describe(SchemaDifferences.between(before, read(db)), "remains", "is missing");
    }

    @Test
    void equalModelsHaveNoDifferences(TestDatabase db) {
        db.execute("CREATE TABLE t (id serial PRIMARY KEY, v text DEFAULT 'x'); CREATE VIEW v AS SELECT * FROM t;");
        assertThat(SchemaDifferences.between(read(db), read(db))).isEmpty();
    }

    @Test
    void aWholeTableIsOneLineWithoutItsIndexesConstraintsAndSequences(TestDatabase db) {
        assertThat(after(db, "CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE old_t (id serial PRIMARY KEY, u int REFERENCES users);"
                        + " CREATE INDEX old_t_u ON old_t (u);",
                "DROP TABLE old_t; CREATE TABLE groupchannels (id serial PRIMARY KEY, u int REFERENCES users UNIQUE);"))
                .containsExactly("table groupchannels remains", "table old_t is missing");
    }

    @Test
    void aChangedColumnSaysWhatChanged(TestDatabase db) {
        assertThat(after(db, "CREATE TABLE t (id int, a int, b text NOT NULL);",
                "ALTER TABLE t ALTER COLUMN a TYPE bigint, ALTER COLUMN a SET DEFAULT 5, ALTER COLUMN b DROP NOT NULL;"
                        + " ALTER TABLE t ADD COLUMN c text;"))
                .containsExactly("column t.a differs: type bigint, was integer; default 5, was none",
                        "column t.b differs: not null false, was true", "column t.c remains");
    }

    @Test
    void onlyTheColumnOrderIsAChangeOfItsOwn(TestDatabase db) {
        db.execute("CREATE TABLE t (a int, b text NOT NULL DEFAULT '')");
        SchemaModel before = read(db);
        db.execute("ALTER TABLE t DROP COLUMN a; ALTER TABLE t ADD COLUMN a int");
        List<Difference> differences = SchemaDifferences.between(before, read(db));
        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo(Change.COLUMN_ORDER);
            assertThat(d.describe("remains", "is missing")).isEqualTo("table t has its columns in another order: b, a; was a, b");
        });
        // Near miss: a column added at the end keeps the order of the others.
        db.execute("CREATE TABLE u (a int, b text)");
        SchemaModel withU = read(db);
        db.execute("ALTER TABLE u ADD COLUMN c int");
        assertThat(SchemaDifferences.describe(SchemaDifferences.between(withU, read(db)), "remains", "is missing"))
                .containsExactly("column u.c remains");
    }

    @Test
    void aLongDefinitionIsShownAroundItsFirstDifference(TestDatabase db) {
        String columns = "id AS first_column_with_a_long_name, id AS second_column_with_a_long_name,"
                + " id AS third_column_with_a_long_name, id AS fourth_column_with_a_long_name";
        List<String> differences = after(db, "CREATE TABLE t (id int, flag boolean); CREATE VIEW v AS SELECT " + columns + ", flag FROM t;",
                "CREATE OR REPLACE VIEW v AS SELECT " + columns + ", NOT flag AS flag FROM t;");
        assertThat(differences).singleElement().asString()
                .startsWith("view v differs: definition …")
                .containsPattern("\\(NOT (t\\.)?flag\\) AS flag")
                .contains(", was …")
                .doesNotContain("first_column_with_a_long_name");
    }

    @Test
    void otherKindsAndSchemasAreNamed(TestDatabase db) {
        assertThat(after(db, "CREATE SCHEMA app; CREATE TYPE mood AS ENUM ('ok', 'meh'); CREATE TABLE app.t (id int, v text);"
                        + " CREATE INDEX t_v ON app.t (v); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                        + " CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
                        + " CREATE TRIGGER t_ins BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION trg();",
                "ALTER TYPE mood ADD VALUE 'sad'; DROP INDEX app.t_v; CREATE INDEX t_v ON app.t (lower(v));"
                        + " CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2';"
                        + " DROP TRIGGER t_ins ON app.t; CREATE TRIGGER t_ins AFTER INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION trg();"
                        + " CREATE SEQUENCE app.counter; ALTER TABLE app.t ADD CONSTRAINT t_id_positive CHECK (id > 0);"))
                .containsExactly("type mood differs: labels ok, meh, sad, was ok, meh",
                        "sequence app.counter remains",
                        "constraint t_id_positive on app.t remains",
                        "index app.t_v differs: definition CREATE INDEX t_v ON app.t USING btree (lower(v)),"
                                + " was CREATE INDEX t_v ON app.t USING btree (v)",
                        "trigger t_ins on app.t differs: definition CREATE TRIGGER t_ins AFTER INSERT ON app.t FOR EACH ROW"
                                + " EXECUTE FUNCTION public.trg(), was CREATE TRIGGER t_ins BEFORE INSERT ON app.t FOR EACH ROW"
                                + " EXECUTE FUNCTION public.trg()",
                        "function f() differs: definition");
    }
}
