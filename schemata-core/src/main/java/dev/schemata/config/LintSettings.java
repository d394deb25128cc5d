package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.Severity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [lint]} table of an environment, as written: rule ids to disable, per-rule severities and
 * the small-table thresholds. The lint checks the rule ids themselves; here only the shapes are checked.
 *
 * @param disable        rule ids that report nothing
 * @param severity       rule id to {@code error}, {@code warning} or {@code info}
 * @param thresholdRows  estimated rows below which a table counts as small (null: the lint's default)
 * @param thresholdBytes bytes below which a table counts as small (null: the lint's default)
 */
public record LintSettings(List<String> disable, Map<String, String> severity, Long thresholdRows, Long thresholdBytes) {
    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    public LintSettings {
        disable = List.copyOf(disable);
        severity = Map.copyOf(severity);
        severity.forEach((rule, level) -> {
            if (!SEVERITIES.contains(level)) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "lint.severity." + rule
                        + " must be error, warning or info, got \"" + level + "\"");
            }
        });
        if (thresholdRows != null && thresholdRows < 0) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "lint.threshold_rows must be >= 0, got " + thresholdRows);
        }
        if (thresholdBytes != null && thresholdBytes < 0) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "lint.threshold_bytes must be >= 0, got " + thresholdBytes);
        }
    }

    public static LintSettings none() {
        return new LintSettings(List.of(), Map.of(), null, null);
    }

    /** The lint's options with these settings over its defaults. */
    public LintOptions toOptions() {
        LintOptions options = LintOptions.defaults().withDisabled(disable);
        for (Map.Entry<String, String> e : severity.entrySet()) {
            options = options.withSeverity(e.getKey(), Severity.parse(e.getValue()));
        }
        return options.withThresholds(thresholdRows == null ? options.thresholdRows() : thresholdRows,
                thresholdBytes == null ? options.thresholdBytes() : thresholdBytes);
    }
}
