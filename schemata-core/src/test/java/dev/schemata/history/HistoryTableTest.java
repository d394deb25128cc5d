package dev.schemata.history;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTableTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            schema_migrations            | public | schema_migrations | public.schema_migrations
            ops.migrations               | ops    | migrations        | ops.migrations
            Ops.Migrations               | ops    | migrations        | ops.migrations
            ` ops . migrations `         | ops    | migrations        | ops.migrations
            public."my hist"             | public | my hist           | public."my hist"
            "Ops"."My ""quoted"" hist"   | Ops    | My "quoted" hist  | "Ops"."My ""quoted"" hist"
            "a.b"                        | public | a.b               | public."a.b"
            ops."Migrations"             | ops    | Migrations        | ops."Migrations"
            """)
    void readsAQualifiedNameAsPostgresqlDoes(String text, String schema, String name, String written) {
        HistoryTable table = HistoryTable.parse(text);
        assertThat(table).isEqualTo(new HistoryTable(schema, name));
        assertThat(table.toString()).isEqualTo(written);
        assertThat(HistoryTable.parse(table.toString())).isEqualTo(table);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a.b.c                  | invalid history table a.b.c: it has 3 parts; a history table is [schema.]table
            db.public.hist         | invalid history table db.public.hist: it has 3 parts
            public.                | invalid history table public.: expected [schema.]table
            .hist                  | invalid history table .hist: expected [schema.]table
            `my hist`              | invalid history table my hist: expected [schema.]table
            `x; DROP TABLE y`      | invalid history table x; DROP TABLE y: expected [schema.]table
            `public."unterminated` | invalid history table public."unterminated: expected [schema.]table
            `""`                   | invalid history table "": a quoted name is empty
            `hist -- note`         | invalid history table hist -- note: expected [schema.]table
            `U&"d\\0061t"`         | invalid history table U&"d\\0061t": write the name in plain double quotes
            """)
    void refusesWhatIsNotOneOrTwoIdentifiers(String text, String message) {
        assertThatThrownBy(() -> HistoryTable.parse(text)).isInstanceOfSatisfying(SchemataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG)).hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource({"57, true", "58, false"})
    void aNameLeavesRoomForItsSideTable(int length, boolean accepted) {
        String text = "h".repeat(length);
        if (accepted) {
            assertThat(HistoryTable.parse(text).name()).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> HistoryTable.parse(text)).hasMessageContaining("is longer than 57 bytes");
        }
    }
}
