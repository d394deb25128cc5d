package dev.schemata.cli;

import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import dev.schemata.lint.LintOptions;
import dev.schemata.migrate.RunHooks;
import dev.schemata.migrate.ScriptPlan;
import dev.schemata.monitor.Monitor;
import dev.schemata.monitor.SizeHistory;
import dev.schemata.monitor.TableSize;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What the CLI's {@code migrate} does around a run, under the migration lock: the lint of what is about
 * to run; with {@code --backup} (or {@code backup_before_migrate}) a verified backup before the first
 * change, recorded in the run's history rows; and always the table sizes before and after, for
 * {@code status --sizes}.
 */
final class MigrateHooks implements RunHooks {
    private final BaseCommand command;
    private final ConnectionSettings target;
    private final HistoryTable historyTable;
    private final boolean backup;
    private final Path backupDir;
    private final String lintMode;
    private final LintOptions lintOptions;
    private final Map<String, String> placeholders;
    private long lastHistoryId;
    private List<TableSize> before;

    /** @param backupDir where the backup goes (null: the environment's backup directory) */
    MigrateHooks(BaseCommand command, ConnectionSettings target, HistoryTable historyTable, boolean backup, Path backupDir,
                 String lintMode, LintOptions lintOptions, Map<String, String> placeholders) {
        this.command = command;
        this.target = target;
        this.historyTable = historyTable;
        this.backup = backup;
        this.backupDir = backupDir;
        this.lintMode = lintMode;
        this.lintOptions = lintOptions;
        this.placeholders = placeholders;
    }

    @Override
    public String beforeChanges(Connection connection, List<ScriptPlan> pending) throws SQLException {
        MigrateLint.check(lintMode, lintOptions, pending, connection, placeholders, command.context(), command.output());
        String file = null;
        if (backup) {
            file = BackupCommand.beforeChange(command, target, backupDir, historyTable, "no backup, no migration",
                    "Nothing was migrated.");
        }
        SizeHistory sizes = new SizeHistory(historyTable);
        lastHistoryId = sizes.lastHistoryId(connection);
        before = new Monitor(connection).tableSizes();
        return file;
    }

    @Override
    public void afterChanges(Connection connection) {
        try {
            new SizeHistory(historyTable).record(connection, lastHistoryId, before);
        } catch (SQLException | SchemataException e) {
            command.output().warn("table sizes of this run were not recorded: " + e.getMessage());
        }
    }
}
