package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogViewsTest {

    private static final String VIEWS = """
            CREATE TABLE a (id integer, x integer);
            CREATE TABLE b (id integer, y text);
            CREATE VIEW v1 AS SELECT a.id, b.y FROM a JOIN b USING (id) WHERE a.x > 0;
            CREATE VIEW v2 WITH (security_barrier) AS SELECT id FROM v1;
            CREATE MATERIALIZED VIEW m AS SELECT x, count(*) AS n FROM a GROUP BY x WITH NO DATA;
            CREATE UNIQUE INDEX m_x ON m (x);
            """;

    @Test
    void viewsKeepTheirQueryColumnsOptionsAndWhatTheyRead(TestDatabase db) {
        SchemaModel model = build(db, VIEWS);

        View v1 = model.view(pub("v1")).orElseThrow();
        assertThat(v1.materialized()).isFalse();
        assertThat(v1.definition()).contains("FROM (public.a", "JOIN public.b").contains("> 0");
        assertThat(v1.columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", "integer"), org.assertj.core.groups.Tuple.tuple("y", "text"));
        assertThat(v1.dependsOn()).containsExactly(pub("a"), pub("b"));
        assertThat(v1.options()).isEmpty();

        View v2 = model.view(pub("v2")).orElseThrow();
        assertThat(v2.options()).containsExactly("security_barrier=true");
        assertThat(v2.dependsOn()).containsExactly(pub("v1"));
    }

    @Test
    void materializedViewWithItsIndex(TestDatabase db) {
        SchemaModel model = build(db, VIEWS);

        View m = model.view(pub("m")).orElseThrow();
        assertThat(m.materialized()).isTrue();
        assertThat(m.dependsOn()).containsExactly(pub("a"));
        assertThat(m.columns()).extracting(Column::name).containsExactly("x", "n");
        assertThat(model.indexesOf(pub("m"))).extracting(Index::name, Index::unique)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(pub("m_x"), true));
        assertThat(model.tables()).extracting(Table::name).containsExactly(pub("a"), pub("b"));
    }
}
