package dev.schemata.report;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one command checked and found, in the shape CI reports need.
 *
 * @param command the command ({@code lint}, {@code verify-rollback}, …)
 * @param summary one line saying what was checked and the outcome
 * @param cases   what was checked, one per file, migration or comparison: JUnit test cases
 * @param details Markdown shown after the findings in a summary (the plan's steps), or empty
 */
public record Report(String command, String summary, List<Case> cases, String details) {
    public Report {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(summary, "summary");
        cases = List.copyOf(cases);
        details = details == null ? "" : details;
    }

    /**
     * One thing checked; it fails when one of its findings is an {@link Level#ERROR}.
     *
     * @param name     what was checked ("db/migrations/002_add_email.sql", "003 add orders")
     * @param findings what was found about it, empty when it passed
     */
    public record Case(String name, List<Finding> findings) {
        public Case {
            Objects.requireNonNull(name, "name");
            findings = List.copyOf(findings);
        }

        public boolean failed() {
            return findings.stream().anyMatch(f -> f.level() == Level.ERROR);
        }

        Case map(UnaryOperator<String> f) {
            return new Case(f.apply(name), findings.stream().map(x -> x.map(f)).toList());
        }
    }

    /** Every finding, case by case. */
    public List<Finding> findings() {
        return cases.stream().flatMap(c -> c.findings().stream()).toList();
    }

    public long count(Level level) {
        return findings().stream().filter(f -> f.level() == level).count();
    }

    /** The same report with every text passed through {@code f}: secrets are masked before anything is escaped. */
    public Report map(UnaryOperator<String> f) {
        return new Report(command, f.apply(summary), cases.stream().map(c -> c.map(f)).toList(), f.apply(details));
    }
}
