package dev.schemata.catalog;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class CatalogFilterTest {

    private static final String TWO_SCHEMAS = """
            CREATE SCHEMA app;
            CREATE SCHEMA audit;
            CREATE TABLE audit.entry (id integer PRIMARY KEY);
            CREATE SEQUENCE audit.counter;
            CREATE FUNCTION audit.log() RETURNS void LANGUAGE sql AS '';
            CREATE TYPE audit.level AS ENUM ('info');
            CREATE TABLE app.item (id integer PRIMARY KEY, entry integer REFERENCES audit.entry);
            CREATE INDEX item_entry ON app.item (entry);
            CREATE TABLE public.misc (id integer);
            CREATE RULE misc_nothing AS ON DELETE TO public.misc DO INSTEAD NOTHING;
            """;

    @Test
    void includeReadsOnlyTheListedSchemasAndKeepsReferencesOutOfThem(TestDatabase db) {
        db.execute(TWO_SCHEMAS);

        SchemaModel model = read(db, SchemaFilter.only("app"));

        assertThat(model.schemas()).extracting(Schema::name).containsExactly("app");
        assertThat(model.tables()).extracting(Table::name).containsExactly(QualifiedName.of("app", "item"));
        assertThat(model.indexes()).extracting(Index::name)
                .containsExactly(QualifiedName.of("app", "item_entry"), QualifiedName.of("app", "item_pkey"));
        assertThat(model.sequences()).isEmpty();
        assertThat(model.functions()).isEmpty();
        assertThat(model.enums()).isEmpty();
        assertThat(model.unsupported()).isEmpty();
        Constraint fk = model.constraintsOf(QualifiedName.of("app", "item")).stream()
                .filter(Constraint::isForeignKey).findFirst().orElseThrow();
        assertThat(fk.foreignKey().referencedTable()).isEqualTo(QualifiedName.of("audit", "entry"));
    }

    @Test
    void excludeLeavesOutTheListedSchemasOnly(TestDatabase db) {
        db.execute(TWO_SCHEMAS);

        SchemaModel model = read(db, SchemaFilter.allExcept("audit"));

        assertThat(model.schemas()).extracting(Schema::name).containsExactly("app", "public");
        assertThat(model.tables()).extracting(Table::name)
                .containsExactly(QualifiedName.of("app", "item"), QualifiedName.of("public", "misc"));
        assertThat(model.sequences()).isEmpty();
        assertThat(model.functions()).isEmpty();
        assertThat(model.enums()).isEmpty();
        assertThat(model.constraints()).extracting(Constraint::table).doesNotContain(QualifiedName.of("audit", "entry"));
        assertThat(model.unsupported()).containsExactly(new Unsupported("rule", "misc_nothing on public.misc"));

        SchemaModel everything = read(db, SchemaFilter.all());
        assertThat(everything.schemas()).extracting(Schema::name).containsExactly("app", "audit", "public");
        assertThat(everything.functions()).extracting(Function::name).containsExactly(QualifiedName.of("audit", "log"));
    }

    @Test
    void systemSchemasAreNeverReadEvenWhenListed(TestDatabase db) {
        SchemaModel model = read(db, SchemaFilter.only("pg_catalog", "information_schema", "public"));

        assertThat(model.schemas()).extracting(Schema::name).containsExactly("public");
        assertThat(model.functions()).isEmpty();
        assertThat(model.views()).isEmpty();
    }

    @Test
    void aSchemaBothIncludedAndExcludedIsRejected() {
        assertThatThrownBy(() -> new SchemaFilter(List.of("app", "audit"), List.of("audit")))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining("\"audit\" is both included and excluded");
        SchemaFilter disjoint = new SchemaFilter(List.of("app"), List.of("audit"));
        assertThat(disjoint.includes("app")).isTrue();
        assertThat(disjoint.includes("audit")).isFalse();
        assertThat(disjoint.includes("public")).isFalse();
    }

    @Test
    void aBlankSchemaNameIsRejected() {
        assertThatThrownBy(() -> SchemaFilter.only("app", " "))
                .isInstanceOf(SchemataException.class).hasMessageContaining("include list has an empty name");
        assertThatThrownBy(() -> SchemaFilter.allExcept(""))
                .isInstanceOf(SchemataException.class).hasMessageContaining("exclude list has an empty name");
        assertThat(SchemaFilter.allExcept("audit").includes("app")).isTrue();
        assertThat(SchemaFilter.all().includes("anything")).isTrue();
    }

    @Test
    void filtersWithTheSameSchemasInAnotherOrderAreEqual() {
        assertThat(SchemaFilter.only("b", "a", "b")).isEqualTo(SchemaFilter.only("a", "b"));
    }
}
