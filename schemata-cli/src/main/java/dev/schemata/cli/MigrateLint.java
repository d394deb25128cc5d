package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.lint.Severity;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code migrate --lint}: lints the migrations about to be applied, against the target database, before
 * anything changes. {@code warn} prints the findings on stderr; {@code error} also stops the run when an
 * error-level finding remains.
 */
final class MigrateLint {
    private MigrateLint() {
    }

    static void check(String mode, LintOptions lintOptions, MigrationSet set, ConnectionSettings target,
                      HistoryTable history, MigrateOptions options, CliContext context, Output output) {
        String m = mode == null ? "warn" : mode.strip().toLowerCase(Locale.ROOT);
        if (m.equals("off")) {
            return;
        }
        if (!m.equals("warn") && !m.equals("error")) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--lint: expected off, warn or error, got \"" + mode + "\"");
        }
        List<LintSource> pending = toApply(set, new Inspector(ConnectionFactory.of(target), history).status(set), options,
                context);
        if (pending.isEmpty()) {
            return;
        }
        LintReport report;
        try (Connection c = Database.connect(target)) {
            report = Linter.lint(pending, Optional.of(c), lintOptions);
        } catch (SQLException e) {
            throw Database.connectionFailure(target, e);
        }
        boolean block = m.equals("error") && report.hasErrors();
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

    /** The migrations this run would apply (see Migrator), as migrate will send them. */
    private static List<LintSource> toApply(MigrationSet set, StatusReport report, MigrateOptions options,
                                            CliContext context) {
        Set<String> runnable = new HashSet<>();
        for (MigrationStatus s : report.migrations()) {
            boolean pending = s.state() == MigrationState.PENDING || s.state() == MigrationState.FAILED
                    || s.state() == MigrationState.OUT_OF_ORDER && options.outOfOrder();
            if (pending && s.file() != null) {
                runnable.add(s.file());
            }
        }
        List<LintSource> sources = new ArrayList<>();
        for (Migration m : set.all()) {
            boolean beyondTarget = options.target() != null
                    && (m.isRepeatable() || m.version().compareTo(options.target()) > 0);
            if (runnable.contains(m.relativePath()) && !beyondTarget) {
                sources.add(withPlaceholders(LintSource.of(m).withName(LintOutput.display(context, m.file())),
                        options.placeholders()));
            }
        }
        return sources;
    }

    /** The SQL as migrate will send it, so that ${schema}.table names the real table. */
    private static LintSource withPlaceholders(LintSource source, Map<String, String> placeholders) {
        String sql = source.sql();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        return new LintSource(source.name(), sql, source.lineOffset(), source.rerunnable());
    }
}
