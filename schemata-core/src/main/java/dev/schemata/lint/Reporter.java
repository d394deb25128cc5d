package dev.schemata.lint;

import dev.schemata.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a rule's verdict into a {@link Finding}, or into nothing: the rule is disabled, a comment silences
 * it, or the table's state exempts it (created earlier in the run, missing from the database, or small).
 */
final class Reporter {
    private final LintOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Integer> order = new ArrayList<>();

    Reporter(LintOptions options) {
        this.options = options;
    }

    /**
     * Reports {@code rule} at {@code at} unless something exempts it.
     *
     * @param table   the table concerned, or null; its size is appended to the message when the database
     *                reported it
     * @param ignored rule ids silenced for this statement (its comments and the file's header)
     * @return whether a finding was added
     */
    boolean report(Rule rule, ParsedSource source, Set<String> ignored, Token at, TableInfo table, String message) {
        if (!options.isEnabled(rule.id()) || ignored.contains(rule.id()) || isExempt(rule, table)) {
            return false;
        }
        String size = table == null ? "" : table.sizeText();
        String text = size.isEmpty() ? message : message + ": " + size;
        String excerpt = source.line(at.line()).strip();
        if (excerpt.length() > 200) {
            excerpt = excerpt.substring(0, 199) + "…";
        }
        findings.add(new Finding(rule.id(), options.severityOf(rule), source.source().name(),
                at.line() + source.source().lineOffset(), at.column(), text, excerpt, rule.safeAlternative(), table));
        order.add(source.order());
        return true;
    }

    /** Whether the table's state means this kind of rule has nothing to say about it. */
    boolean isExempt(Rule rule, TableInfo table) {
        if (table == null) {
            return false;
        }
        return switch (table.origin()) {
            case CREATED_IN_RUN, ABSENT -> rule.kind().quietForNewTables();
            case EXISTING -> rule.kind().quietForSmallTables() && options.isSmall(table.rows(), table.bytes());
            case UNKNOWN -> false;
        };
    }

    /** The findings in source order, then line, column and rule. */
    List<Finding> sorted() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            indexes.add(i);
        }
        indexes.sort((a, b) -> {
            Finding x = findings.get(a);
            Finding y = findings.get(b);
            int c = Integer.compare(order.get(a), order.get(b));
            if (c == 0) {
                c = Integer.compare(x.line(), y.line());
            }
            if (c == 0) {
                c = Integer.compare(x.column(), y.column());
            }
            return c != 0 ? c : x.rule().compareTo(y.rule());
        });
        return indexes.stream().map(findings::get).toList();
    }
}
