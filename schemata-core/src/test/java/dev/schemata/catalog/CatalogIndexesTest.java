package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.read;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogIndexesTest {

    private static final String DOCUMENTS = """
            CREATE TABLE doc (id integer PRIMARY KEY, owner integer, title text, deleted boolean, tags text[]);
            CREATE UNIQUE INDEX doc_title_live ON doc (lower(title)) INCLUDE (owner) WHERE NOT deleted;
            CREATE INDEX doc_owner_title ON doc (owner DESC NULLS LAST, title text_pattern_ops);
            CREATE INDEX doc_tags ON doc USING gin (tags);
            CREATE UNIQUE INDEX doc_owner_nnd ON doc (owner) NULLS NOT DISTINCT;
            """;

    @Test
    void partialExpressionIndexWithIncludeColumns(TestDatabase db) {
        SchemaModel model = build(db, DOCUMENTS);

        Index live = model.index(pub("doc_title_live")).orElseThrow();
        assertThat(live.table()).isEqualTo(pub("doc"));
        assertThat(live.unique()).isTrue();
        assertThat(live.keys()).containsExactly("lower(title)");
        assertThat(live.include()).containsExactly("owner");
        assertThat(live.predicate()).isEqualTo("(NOT deleted)");
        assertThat(live.isPartial()).isTrue();
        assertThat(live.method()).isEqualTo("btree");
        assertThat(live.isConstraintBacked()).isFalse();
        assertThat(live.valid()).isTrue();
        assertThat(live.definition()).isEqualTo("CREATE UNIQUE INDEX doc_title_live ON public.doc USING btree"
                + " (lower(title)) INCLUDE (owner) WHERE (NOT deleted)");
    }

    @Test
    void orderingOperatorClassMethodAndNullsNotDistinctAreKept(TestDatabase db) {
        SchemaModel model = build(db, DOCUMENTS);

        Index ordered = model.index(pub("doc_owner_title")).orElseThrow();
        assertThat(ordered.definition()).isEqualTo("CREATE INDEX doc_owner_title ON public.doc USING btree"
                + " (owner DESC NULLS LAST, title text_pattern_ops)");
        assertThat(ordered.keys()).containsExactly("owner", "title");
        assertThat(ordered.unique()).isFalse();
        assertThat(ordered.isPartial()).isFalse();
        assertThat(ordered.nullsNotDistinct()).isFalse();
        assertThat(model.index(pub("doc_tags")).orElseThrow().method()).isEqualTo("gin");
        assertThat(model.index(pub("doc_owner_nnd")).orElseThrow().nullsNotDistinct()).isTrue();

        Index primary = model.index(pub("doc_pkey")).orElseThrow();
        assertThat(primary.primary()).isTrue();
        assertThat(primary.constraint()).isEqualTo("doc_pkey");
        assertThat(model.indexesOf(pub("doc"))).hasSize(5);
    }

    @Test
    void indexLeftByAFailedConcurrentBuildIsInvalid(TestDatabase db) {
        db.execute("CREATE TABLE dup (v integer); INSERT INTO dup VALUES (1), (1);");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v ON dup (v)");
        } catch (IllegalStateException expected) {
            // the duplicate makes the build fail, leaving the index behind
        }
        db.execute("CREATE INDEX dup_v_plain ON dup (v)");

        SchemaModel model = read(db);

        assertThat(model.index(pub("dup_v")).orElseThrow().valid()).isFalse();
        assertThat(model.index(pub("dup_v_plain")).orElseThrow().valid()).isTrue();
    }
}
