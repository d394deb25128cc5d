package dev.schemata.lint;

import dev.schemata.sql.SqlSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -- schemata:lint-ignore} comments and the options that disable rules or change severities. */
class SuppressionTest {
    private static final String DROPS = "DROP TABLE a;\nDROP TABLE b;\n";

    @Test
    void commentDirectlyAboveSilencesThatStatementOnly() {
        Lint lint = Lint.sql("-- schemata:lint-ignore drop-table\nDROP TABLE a;\n\nDROP TABLE b;\n");
        assertThat(lint.of("drop-table")).extracting(Finding::line).containsExactly(4);
    }

    @Test
    void commentAfterTheSemicolonOnTheSameLineSilencesThatStatement() {
        Lint lint = Lint.sql("DROP TABLE a; -- schemata:lint-ignore drop-table\nDROP TABLE b;\n");
        assertThat(lint.of("drop-table")).extracting(Finding::line).containsExactly(2);
    }

    @Test
    void commentInsideTheStatementSilencesIt() {
        Lint lint = Lint.sql("ALTER TABLE t /* schemata:lint-ignore drop-column */ DROP COLUMN c;\nALTER TABLE t DROP COLUMN d;");
        assertThat(lint.of("drop-column")).extracting(Finding::line).containsExactly(2);
    }

    @Test
    void severalRulesInOneComment() {
        Lint lint = Lint.sql("-- schemata:lint-ignore index-not-concurrent, missing-lock-timeout\n"
                + "CREATE INDEX i ON t (a);\n");
        assertThat(lint.rules()).isEmpty();
    }

    @Test
    void onlyTheNamedRulesAreSilenced() {
        Lint lint = Lint.sql("-- schemata:lint-ignore missing-lock-timeout\nCREATE INDEX i ON t (a);\n");
        assertThat(lint.rules()).containsExactly("index-not-concurrent");
    }

    @Test
    void headerSeparatedByABlankLineSilencesTheWholeFile() {
        Lint lint = Lint.sql("-- Drop the old tables.\n-- schemata:lint-ignore drop-table\n\n" + DROPS);
        assertThat(lint.of("drop-table")).isEmpty();
    }

    @Test
    void blockCommentHeaderWorksToo() {
        Lint lint = Lint.sql("/*\n * schemata:lint-ignore drop-table\n */\n\n" + DROPS);
        assertThat(lint.of("drop-table")).isEmpty();
    }

    @Test
    void ignoreInsideAStringSilencesNothing() {
        Lint lint = Lint.sql("SELECT '-- schemata:lint-ignore drop-table';\n" + DROPS);
        assertThat(lint.of("drop-table")).hasSize(2);
    }

    @Test
    void aSimilarWordIsRefusedNotIgnored() {
        // Silently ignored, the misspelling would leave the rule on while its author thinks it is off.
        assertThatThrownBy(() -> Lint.sql("-- schemata:lint-ignored drop-table\nDROP TABLE a;\n").of("drop-table"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("001_test.sql:1: unknown directive schemata:lint-ignored (did you mean"
                        + " schemata:lint-ignore?)");
    }

    @Test
    void anIgnoreWithoutRulesIsRefused() {
        assertThatThrownBy(() -> Lint.sql("DROP TABLE a; -- schemata:lint-ignore\n").of("drop-table"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("001_test.sql:1: schemata:lint-ignore needs the ids of the rules to silence");
    }

    @Test
    void ignoreInOneFileDoesNotSilenceTheNext() {
        Lint lint = Lint.file("001_a.sql", "-- schemata:lint-ignore drop-table\n\nDROP TABLE a;\n")
                .and("002_b.sql", "DROP TABLE b;\n");
        assertThat(lint.of("drop-table")).extracting(Finding::file).containsExactly("002_b.sql");
    }

    @Test
    void disabledRulesReportNothing() {
        Lint lint = Lint.sql(DROPS).options(LintOptions.defaults().withDisabled(Set.of("drop-table")));
        assertThat(lint.rules()).doesNotContain("drop-table").contains("missing-lock-timeout");
    }

    @Test
    void severityOverrideChangesTheFindingAndTheVerdict() {
        LintReport defaults = Lint.sql("DROP DATABASE prod;").report();
        assertThat(defaults.hasErrors()).isTrue();
        LintReport relaxed = Lint.sql("DROP DATABASE prod;")
                .options(LintOptions.defaults().withSeverity("drop-database", Severity.WARNING)).report();
        assertThat(relaxed.findings()).extracting(Finding::severity).containsExactly(Severity.WARNING);
        assertThat(relaxed.hasErrors()).isFalse();
    }

    @Test
    void unknownRuleIdsInOptionsAreRejectedWithTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintOptions.defaults().withDisabled(Set.of("drop-tables")))
                .isInstanceOf(dev.schemata.SchemataException.class)
                .hasMessageContaining("unknown lint rule \"drop-tables\"").hasMessageContaining("drop-table");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LintOptions(Set.of(), Map.of("nope", Severity.INFO),
                        1, 1, true, false))
                .hasMessageContaining("unknown lint rule \"nope\" in severity overrides");
    }
}
