package dev.schemata.sql;

import dev.schemata.sql.Directives.Directive;
import dev.schemata.sql.Directives.Place;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectivesTest {
    private static List<Directive> migration(String sql) {
        return Directives.inScript(sql, Place.MIGRATION, "001_x.sql", 0);
    }

    @Test
    void everyKnownFormIsRead() {
        List<Directive> found = migration("""
                -- schemata:lock-timeout 5s
                /* schemata:statement-timeout = 10 min */

                CREATE TABLE a (id int); -- schemata:lint-ignore drop-table, drop-column
                -- A note for schemata: prose is no directive.
                """);
        assertThat(found).extracting(d -> d.name() + " " + d.argument() + " " + d.duration() + " " + d.line())
                .containsExactly("lock-timeout 5s PT5S 1", "statement-timeout 10 min PT10M 2",
                        "lint-ignore drop-table, drop-column null 4");
        assertThat(migration("-- schemata:squashed 001 " + "0f".repeat(32) + " sub/001_a b.sql\nSELECT 1;"))
                .extracting(Directive::argument).containsExactly("001 " + "0f".repeat(32) + " sub/001_a b.sql");
        assertThat(Directives.inScript("CREATE TABLE t (\n  b text -- schemata:renamed-from a\n);", Place.SCHEMA_FILE,
                "init.sql", 0)).extracting(Directive::argument).containsExactly("a");
    }

    @Test
    void aDirectiveInACommentThatBelongsToNoStatementIsSeen() {
        assertThat(migration("SELECT 1;\n\n-- schemata:lock-timeout 1s\n")).extracting(Directive::duration)
                .containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aDirectiveRightAfterTheDashesIsRead() {
        // As Liquibase's --changeset is written; it was ignored, leaving the migration with no timeout at all.
        assertThat(migration("--schemata:lock-timeout 1s\nSELECT 1;\n")).extracting(Directive::duration)
                .containsExactly(Duration.ofSeconds(1));
        assertThatThrownBy(() -> migration("--schemata:lock-timeout 1sec\nSELECT 1;\n"))
                .hasMessageStartingWith("001_x.sql:1: schemata:lock-timeout: \"1sec\": unknown unit");
        assertThat(migration("-- see my-schemata:lock-timeout notes\nSELECT 1;\n")).as("inside a word").isEmpty();
    }

    @Test
    void aDirectiveInCapitalsIsAnErrorAndProseIsNot() {
        assertThatThrownBy(() -> migration("-- SCHEMATA:lock-timeout 1s\nSELECT 1;\n"))
                .hasMessage("001_x.sql:1: \"SCHEMATA:lock-timeout\" is not read as a directive; directives are written in"
                        + " lower case (did you mean schemata:lock-timeout?)");
        assertThatThrownBy(() -> migration("SELECT 1;\n-- Schemata:Statement-Timeout 5s\n"))
                .hasMessageStartingWith("001_x.sql:2: \"Schemata:Statement-Timeout\" is not read as a directive");
        assertThat(migration("-- Schemata: the tool that applies this.\n-- SCHEMATA:\nSELECT 1;\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -- schemata:lock-timeout 1sec               | 001_x.sql:2: schemata:lock-timeout: "1sec": unknown unit "sec"; expected a whole number and a unit
            -- schemata:lock-timeout forever            | 001_x.sql:2: schemata:lock-timeout: "forever" is not a duration
            -- schemata:lock-timeout 5000               | 001_x.sql:2: schemata:lock-timeout: "5000" has no unit
            -- schemata:lock-timeout                    | 001_x.sql:2: schemata:lock-timeout: "" is not a duration
            -- schemata:statement-timeout 25d           | 001_x.sql:2: schemata:statement-timeout: "25d" is out of range: at most 24d
            -- schemata:statment-timeout 5s             | 001_x.sql:2: unknown directive schemata:statment-timeout (did you mean schemata:statement-timeout?); the directives read in migrations are -- schemata:lint-ignore
            -- schemata:locktimeout 5s                  | 001_x.sql:2: unknown directive schemata:locktimeout (did you mean schemata:lock-timeout?)
            -- schemata: lock-timeout 5s                | 001_x.sql:2: "schemata: lock-timeout" is not read as a directive; write it without a space after the colon
            -- schemata:renamed-from old                | 001_x.sql:2: schemata:renamed-from does nothing in migrations: it is read only in the schema file (init.sql); remove it
            -- schemata:lint-ignore                     | 001_x.sql:2: schemata:lint-ignore needs the ids of the rules to silence
            -- schemata:squashed 001 abc 001_a.sql      | 001_x.sql:2: schemata:squashed needs the version, checksum and file of a squashed migration
            """)
    void aDirectiveThatDoesNotReadIsAnErrorNamingTheLine(String comment, String message) {
        assertThatThrownBy(() -> migration("SELECT 1;\n" + comment + "\nSELECT 2;\n"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith(message);
    }

    @Test
    void aTimeoutGivenTwiceIsAnError() {
        assertThatThrownBy(() -> migration("-- schemata:lock-timeout 1s\nSELECT 1;\n-- schemata:lock-timeout 2s\n"))
                .hasMessage("001_x.sql:3: a second schemata:lock-timeout (the first is on line 1); keep one");
    }

    @Test
    void aTimeoutDirectiveDoesNothingInTheSchemaFile() {
        assertThatThrownBy(() -> Directives.inScript("-- schemata:lock-timeout 5s\nCREATE TABLE a (id int);", Place.SCHEMA_FILE,
                "init.sql", 0)).hasMessage("init.sql:1: schemata:lock-timeout does nothing in the schema file (init.sql):"
                + " it is read only in migrations; remove it");
    }

    @Test
    void linesCountFromTheFileOfASection() {
        assertThatThrownBy(() -> Directives.inScript("SELECT 1;\n/* a\n   schemata:lock-timeout 1x */", Place.MIGRATION,
                "003_x.sql", 4)).hasMessageStartingWith("003_x.sql:7: schemata:lock-timeout: \"1x\": unknown unit");
    }
}
