package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogTypesTest {

    @Test
    void enumLabelsAreInSortOrderIncludingValuesAddedLater(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                ALTER TYPE mood ADD VALUE 'happy';
                ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
                CREATE TABLE person (name text, feeling mood);
                """);

        assertThat(model.enums()).singleElement().satisfies(mood -> {
            assertThat(mood.name()).isEqualTo(pub("mood"));
            assertThat(mood.labels()).containsExactly("sad", "meh", "ok", "happy");
        });
        // Printed with the schema although public is on the connection's search_path.
        assertThat(model.table(pub("person")).orElseThrow().columns().get(1).type()).isEqualTo("public.mood");
    }

    @Test
    void domainWithBaseTypeDefaultNotNullAndConstraints(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_positive CHECK (VALUE > 0);
                ALTER DOMAIN posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000) NOT VALID;
                CREATE DOMAIN code AS varchar(10) COLLATE "C";
                """);

        Domain posint = model.domains().stream().filter(d -> d.name().equals(pub("posint"))).findFirst().orElseThrow();
        assertThat(posint.baseType()).isEqualTo("integer");
        assertThat(posint.defaultExpression()).isEqualTo("1");
        assertThat(posint.notNull()).isTrue();
        assertThat(posint.collation()).isNull();
        assertThat(posint.constraints()).containsExactly(
                new DomainConstraint("posint_positive", "CHECK ((VALUE > 0))", true, null),
                new DomainConstraint("posint_small", "CHECK ((VALUE < 1000)) NOT VALID", false, null));

        Domain code = model.domains().stream().filter(d -> d.name().equals(pub("code"))).findFirst().orElseThrow();
        assertThat(code.baseType()).isEqualTo("character varying(10)");
        assertThat(code.collation()).isEqualTo(QualifiedName.of("pg_catalog", "C"));
        assertThat(code.notNull()).isFalse();
        assertThat(code.defaultExpression()).isNull();
        assertThat(code.constraints()).isEmpty();
    }

    @Test
    void compositeTypeWithAttributesButNotTheRowTypesOfTables(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE TYPE address AS (street text, zip varchar(10) COLLATE "C");
                CREATE TABLE customer (id integer, home address);
                CREATE VIEW customer_view AS SELECT id FROM customer;
                """);

        assertThat(model.compositeTypes()).singleElement().satisfies(address -> {
            assertThat(address.name()).isEqualTo(pub("address"));
            assertThat(address.attributes()).extracting(Column::name, Column::type, Column::collation).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("street", "text", null),
                    org.assertj.core.groups.Tuple.tuple("zip", "character varying(10)", QualifiedName.of("pg_catalog", "C")));
        });
        assertThat(model.table(pub("customer")).orElseThrow().columns().get(1).type()).isEqualTo("public.address");
    }

    @Test
    void collationAndAColumnThatUsesIt(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE COLLATION plain_c (provider = libc, locale = 'C');
                CREATE TABLE word (w text COLLATE plain_c, x text);
                """);

        assertThat(model.collations()).containsExactly(
                new Collation(pub("plain_c"), "libc", "C", "C", null, null, true, null));
        List<Column> columns = model.table(pub("word")).orElseThrow().columns();
        assertThat(columns.get(0).collation()).isEqualTo(pub("plain_c"));
        assertThat(columns.get(1).collation()).isNull();
    }
}
