package dev.schemata;

import dev.schemata.backup.BackupContent;
import dev.schemata.backup.BackupFormat;
import dev.schemata.backup.BackupRequest;
import dev.schemata.backup.Backups;
import dev.schemata.backup.ClientLocator;
import dev.schemata.connect.Environment;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.PendingLint;
import dev.schemata.lint.Severity;
import dev.schemata.migrate.RunHooks;
import dev.schemata.migrate.ScriptPlan;
import dev.schemata.migration.MigrationFile;

import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link Schemata#migrate()} does under the migration lock before the first change, as the CLI's migrate
 * does: the lint of what is about to run ({@link Schemata.Builder#lint}), then the verified backup
 * ({@link Schemata.Builder#backupBefore}) recorded in the run's history rows.
 */
final class LibraryRunHooks implements RunHooks {
    private final Schemata.Settings settings;
    private final Consumer<String> progress;

    LibraryRunHooks(Schemata.Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public String beforeChanges(Connection connection, List<ScriptPlan> pending) {
        if (settings.lintMode() != LintMode.OFF && !pending.isEmpty()) {
            lint(connection, pending);
        }
        if (settings.backupBefore() == null) {
            return null;
        }
        return new Backups(new ClientLocator(Environment.current(), settings.pgDump()), progress).beforeChange(
                settings.connectionSettings(), new BackupRequest(settings.backupBefore(), BackupFormat.CUSTOM, BackupContent.FULL,
                        settings.historyTable()), "no backup, no migration", "Nothing was migrated.");
    }

    private void lint(Connection connection, List<ScriptPlan> pending) {
        PendingLint.Result result = PendingLint.lint(pending, connection, settings.placeholders(), settings.lintOptions(),
                MigrationFile::location);
        result.skipped().forEach(file -> progress.accept("lint: skipped " + file + " (larger than "
                + PendingLint.MAX_LINTED_BYTES / (1024 * 1024) + " MB)"));
        LintReport report = result.report();
        boolean block = settings.lintMode() == LintMode.ERROR && report.hasErrors();
        StringBuilder errors = new StringBuilder();
        for (Finding f : report.findings()) {
            if (block && f.severity() == Severity.ERROR) {
                errors.append("\n  ").append(line(f));
            } else {
                progress.accept(line(f));
            }
        }
        if (block) {
            long count = report.count(Severity.ERROR);
            throw new SchemataException(ErrorCode.LINT_FINDINGS, "lint found " + count + " error-level problem"
                    + (count == 1 ? "" : "s") + " in the pending migrations; nothing was applied:" + errors
                    + "\nFix them, silence one with a `-- schemata:lint-ignore RULE` comment on the statement, or use"
                    + " lint(LintMode.WARN).");
        }
    }

    private static String line(Finding f) {
        return f.file() + ":" + f.line() + ":" + f.column() + ": " + f.severity().name().toLowerCase(java.util.Locale.ROOT)
                + " [" + f.rule() + "] " + f.message() + " (safe alternative: " + f.safeAlternative() + ")";
    }
}
