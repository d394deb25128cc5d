package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema of the size the reader is designed for: 500 tables, 1,000 indexes, 899 foreign keys, 450
 * triggers. The reader's query count does not grow with it; this test checks that nothing is lost.
 */
@ExtendWith(PostgresExtension.class)
class CatalogScaleTest {
    private static final int TABLES = 500;
    private static final int TRIGGERS = 450;

    @Test
    void aFiveHundredTableSchemaIsReadCompletely(TestDatabase db) {
        SchemaModel model = build(db, ddl());

        assertThat(model.tables()).hasSize(TABLES);
        assertThat(model.tables()).allSatisfy(t -> assertThat(t.columns()).hasSize(5));
        // a primary key and one secondary index per table
        assertThat(model.indexes()).hasSize(2 * TABLES);
        // every table but the first refers to its predecessor, and tables past the 100th also to the one 100 back
        assertThat(model.constraints().stream().filter(Constraint::isForeignKey)).hasSize((TABLES - 1) + (TABLES - 100));
        assertThat(model.constraints().stream().filter(Constraint::isPrimaryKey)).hasSize(TABLES);
        assertThat(model.triggers()).hasSize(TRIGGERS);
        assertThat(model.functions()).hasSize(1);
    }

    private static String ddl() {
        StringBuilder sql = new StringBuilder("""
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                """);
        for (int i = 1; i <= TABLES; i++) {
            String previous = i > 1 ? " REFERENCES t" + (i - 1) : "";
            String far = i > 100 ? " REFERENCES t" + (i - 100) : "";
            sql.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, name text NOT NULL, ")
                    .append("prev bigint").append(previous).append(", far bigint").append(far)
                    .append(", created timestamptz DEFAULT now());\n");
            sql.append("CREATE INDEX t").append(i).append("_name ON t").append(i).append(" (name);\n");
            if (i <= TRIGGERS) {
                sql.append("CREATE TRIGGER t").append(i).append("_touch BEFORE UPDATE ON t").append(i)
                        .append(" FOR EACH ROW EXECUTE FUNCTION touch();\n");
            }
        }
        return sql.toString();
    }
}
