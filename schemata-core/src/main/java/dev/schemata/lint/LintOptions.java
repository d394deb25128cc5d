package dev.schemata.lint;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the lint runs: which rules, at which severity, and what counts as a small table. One record, so
 * that command-line options and the configuration file fill the same thing.
 *
 * @param disabledRules  rule ids that report nothing
 * @param severities     rule id to the severity it reports at instead of its default
 * @param thresholdRows  a table with fewer estimated rows (and fewer bytes than {@code thresholdBytes}) is small:
 *                       lock and rewrite rules stay quiet about it
 * @param thresholdBytes see {@code thresholdRows}; compared with {@code pg_total_relation_size}
 * @param useDatabase    false to lint statically even when a connection is given
 * @param earlierFilesApplied false (the default): the sources are one pending run, so a table created by an
 *                       earlier source is new; true: each source is judged as if the sources before it were
 *                       applied long ago, so their tables exist (and may be large) while what they define (column
 *                       types, indexes) is still known. For linting a whole migrations directory without a
 *                       database.
 */
public record LintOptions(Set<String> disabledRules, Map<String, Severity> severities, long thresholdRows,
                          long thresholdBytes, boolean useDatabase, boolean earlierFilesApplied) {
    /** Below both thresholds a table is small: building an index or scanning it takes well under a second. */
    public static final long DEFAULT_THRESHOLD_ROWS = 10_000;
    public static final long DEFAULT_THRESHOLD_BYTES = 16L * 1024 * 1024;

    public LintOptions {
        disabledRules = Set.copyOf(disabledRules);
        severities = Map.copyOf(severities);
        for (String id : disabledRules) {
            requireKnown(id, "disabled rules");
        }
        for (String id : severities.keySet()) {
            requireKnown(id, "severity overrides");
        }
        if (thresholdRows < 0) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "lint threshold rows must be >= 0, got " + thresholdRows);
        }
        if (thresholdBytes < 0) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "lint threshold bytes must be >= 0, got " + thresholdBytes);
        }
    }

    public static LintOptions defaults() {
        return new LintOptions(Set.of(), Map.of(), DEFAULT_THRESHOLD_ROWS, DEFAULT_THRESHOLD_BYTES, true, false);
    }

    public LintOptions withDisabled(Collection<String> ids) {
        Set<String> all = new LinkedHashSet<>(disabledRules);
        all.addAll(ids);
        return new LintOptions(all, severities, thresholdRows, thresholdBytes, useDatabase, earlierFilesApplied);
    }

    public LintOptions withSeverity(String id, Severity severity) {
        Map<String, Severity> all = new HashMap<>(severities);
        all.put(id, severity);
        return new LintOptions(disabledRules, all, thresholdRows, thresholdBytes, useDatabase, earlierFilesApplied);
    }

    public LintOptions withThresholds(long rows, long bytes) {
        return new LintOptions(disabledRules, severities, rows, bytes, useDatabase, earlierFilesApplied);
    }

    public LintOptions withDatabase(boolean use) {
        return new LintOptions(disabledRules, severities, thresholdRows, thresholdBytes, use, earlierFilesApplied);
    }

    public LintOptions withEarlierFilesApplied(boolean applied) {
        return new LintOptions(disabledRules, severities, thresholdRows, thresholdBytes, useDatabase, applied);
    }

    boolean isEnabled(String ruleId) {
        return !disabledRules.contains(ruleId);
    }

    Severity severityOf(Rule rule) {
        return severities.getOrDefault(rule.id(), rule.severity());
    }

    /** Whether a table of this size is below both thresholds (an unknown row count defers to the bytes). */
    boolean isSmall(double rows, long bytes) {
        boolean fewRows = rows < 0 || rows < thresholdRows;
        return fewRows && bytes >= 0 && bytes < thresholdBytes;
    }

    private static void requireKnown(String id, String where) {
        if (Rules.find(id).isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "unknown lint rule \"" + id + "\" in " + where
                    + "; known rules: " + String.join(", ", new TreeSet<>(Rules.ids())));
        }
    }
}
