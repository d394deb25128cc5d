package dev.schemata.lint;

import java.util.List;

/**
 * The result of one lint run.
 *
 * @param findings     in file order, then line and column
 * @param files        how many sources were read
 * @param statements   how many statements they held
 * @param usedDatabase whether table facts came from a database (false: static lint)
 */
public record LintReport(List<Finding> findings, int files, int statements, boolean usedDatabase) {
    public LintReport {
        findings = List.copyOf(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether an error-level finding remains, which makes {@code schemata lint} exit 1. */
    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }
}
