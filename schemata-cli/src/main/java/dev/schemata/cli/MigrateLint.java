package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.PendingLint;
import dev.schemata.lint.Severity;
import dev.schemata.migrate.ScriptPlan;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code migrate --lint}: lints the migrations about to be applied, against the target database, before
 * anything changes. {@code warn} prints the findings on stderr; {@code error} also stops the run when an
 * error-level finding remains.
 */
final class MigrateLint {
    private MigrateLint() {
    }

    /** Checks the mode before anything connects: a typo must not cost a run. */
    static String mode(String mode) {
        String m = mode == null ? "warn" : mode.strip().toLowerCase(Locale.ROOT);
        if (!m.equals("off") && !m.equals("warn") && !m.equals("error")) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--lint: expected off, warn or error, got \"" + mode + "\"");
        }
        return m;
    }

    /**
     * Lints the migrations the run is about to apply, on the run's own connection and under its lock, so
     * it sees exactly what will run; with {@code error}, error-level findings stop the run before any change.
     */
    static void check(String mode, LintOptions lintOptions, List<ScriptPlan> pending, Connection connection,
                      Map<String, String> placeholders, CliContext context, Output output) {
        if (mode.equals("off") || pending.isEmpty()) {
            return;
        }
        PendingLint.Result result = PendingLint.lint(pending, connection, placeholders, lintOptions,
                file -> LintOutput.display(context, file));
        result.skipped().forEach(file -> output.notice("lint: skipped " + file + " (larger than "
                + PendingLint.MAX_LINTED_BYTES / (1024 * 1024) + " MB)"));
        LintReport report = result.report();
        boolean block = mode.equals("error") && report.hasErrors();
        List<String> errors = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (block && f.severity() == Severity.ERROR) {
                errors.add(LintOutput.describe(f, output).get(0));
            } else {
                LintOutput.describe(f, output).forEach(output::notice);
            }
        }
        if (block) {
            throw new SchemataException(ErrorCode.LINT_FINDINGS, "lint found " + errors.size() + " error-level problem"
                    + (errors.size() == 1 ? "" : "s") + " in the pending migrations; nothing was applied:\n  "
                    + String.join("\n  ", errors)
                    + "\nFix them, silence one with a `-- schemata:lint-ignore RULE` comment on the statement, or run "
                    + "with --lint=warn. Details: schemata lint --explain RULE.");
        }
        if (!report.findings().isEmpty()) {
            output.notice("lint: " + LintOutput.summary(report) + " (migrate --lint=error stops on errors)");
        }
    }
}
