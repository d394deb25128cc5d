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
class CatalogSequencesTest {

    @Test
    void sequenceOptionsAsDeclared(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE SEQUENCE counter AS smallint INCREMENT BY 2 MINVALUE 5 MAXVALUE 500 START 7 CACHE 4 CYCLE;
                CREATE UNLOGGED SEQUENCE scratch;
                """);

        Sequence counter = model.sequence(pub("counter")).orElseThrow();
        assertThat(counter.options()).isEqualTo(new SequenceOptions("smallint", 7, 2, 5, 500, 4, true));
        assertThat(counter.ownedBy()).isNull();
        assertThat(counter.persistence()).isEqualTo(Persistence.LOGGED);
        Sequence scratch = model.sequence(pub("scratch")).orElseThrow();
        assertThat(scratch.persistence()).isEqualTo(Persistence.UNLOGGED);
        assertThat(scratch.options()).isEqualTo(new SequenceOptions("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false));
    }

    @Test
    void serialColumnSequenceIsOwnedByItsColumn(TestDatabase db) {
        SchemaModel model = build(db, "CREATE TABLE s (id serial, n integer);");

        Sequence sequence = model.sequence(pub("s_id_seq")).orElseThrow();
        assertThat(sequence.ownedBy()).isEqualTo(new ColumnRef(pub("s"), "id"));
        assertThat(sequence.options().dataType()).isEqualTo("integer");
        assertThat(model.table(pub("s")).orElseThrow().columns().get(0).defaultExpression())
                .isEqualTo("nextval('public.s_id_seq'::regclass)");
    }

    @Test
    void usingASequenceDoesNotChangeTheModel(TestDatabase db) {
        SchemaModel before = build(db, "CREATE SEQUENCE counter; CREATE TABLE t (id serial);");

        db.execute("SELECT nextval('counter'); SELECT setval('counter', 1000); INSERT INTO t DEFAULT VALUES;");

        assertThat(read(db)).isEqualTo(before);
    }
}
