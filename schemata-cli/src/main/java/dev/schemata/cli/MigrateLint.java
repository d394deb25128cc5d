package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.lint.Severity;
import dev.schemata.migrate.ScriptPlan;
import dev.schemata.migration.MigrationFile;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code migrate --lint}: lints the migrations about to be applied, against the target database, before
 * anything changes. {@code warn} prints the findings on stderr; {@code error} also stops the run when an
 * error-level finding remains.
 */
final class MigrateLint {
    /** Files above this size are not linted before a run (they are applied, streamed, all the same). */
    static final long MAX_LINTED_BYTES = 8L * 1024 * 1024;

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
        List<LintSource> sources = new ArrayList<>();
        for (ScriptPlan plan : pending) {
            MigrationFile file = plan.source().file();
            if (plan.text() == null && file.size() > MAX_LINTED_BYTES) {
                // Data loads of hundreds of megabytes stream through migrate; the lint would hold them whole.
                output.notice("lint: skipped " + LintOutput.display(context, file) + " (larger than "
                        + MAX_LINTED_BYTES / (1024 * 1024) + " MB)");
                continue;
            }
            sources.add(source(plan, placeholders).withName(LintOutput.display(context, file)));
        }
        LintReport report = Linter.lint(sources, Optional.of(connection), lintOptions);
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

    /**
     * The SQL as migrate will send it, so that ${schema}.table names the real table; a file the run has read
     * already is not read again, and without placeholders its statements are not split again either.
     */
    private static LintSource source(ScriptPlan plan, Map<String, String> placeholders) {
        if (plan.text() == null) {
            return withPlaceholders(LintSource.of(plan.source()), placeholders);
        }
        if (placeholders.isEmpty() && plan.text().indexOf("${") < 0) {
            return LintSource.of(plan.source(), plan.text(), plan.statements());
        }
        return withPlaceholders(LintSource.of(plan.source(), plan.text(), null), placeholders);
    }

    private static LintSource withPlaceholders(LintSource source, Map<String, String> placeholders) {
        String sql = source.sql();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        return new LintSource(source.name(), sql, source.lineOffset(), source.rerunnable());
    }
}
