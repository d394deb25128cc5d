package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupManifest;
import dev.schemata.backup.DataExport;
import dev.schemata.backup.DataLoad;
import dev.schemata.backup.DataOnlyBackup;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code schemata load-data FILE}: the way back in for rows that reset --keep-data or backup --data-only kept. */
@Command(name = "load-data", mixinStandardHelpOptions = true,
        description = "Load the rows that reset --keep-data kept (its directory or export.json) or a backup --data-only file"
                + " into the target, which must have the schema. All in one transaction, committed only when every table"
                + " loaded and every constraint holds; otherwise nothing is kept and the report says per table why (exit 1).")
final class LoadDataCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "An export directory (or its export.json) or a --data-only backup file.")
    Path file;

    @Option(names = "--replace", description = "Delete the rows the loaded tables hold first (otherwise a table that has rows is not loaded).")
    boolean replace;

    @Option(names = "--history-table", paramLabel = "[SCHEMA.]TABLE", description = "The history table, whose rows are never loaded.")
    String historyTable;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "A pg_dump whose directory holds the pg_restore to read custom backups with.")
    Path pgDump;

    @Mixin
    ProtectionOptions protection;

    /** Collects --yes-i-mean-<dbname> (see ProtectionOptions). */
    @picocli.CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        Path source = context().resolve(file);
        if (!Files.exists(source)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, source + " does not exist");
        }
        ConnectionSettings target = target();
        HistoryTable history = historyTable(historyTable);
        Set<String> exclude = DataExport.ownTables(history);
        boolean backup = Files.isRegularFile(source) && Files.exists(BackupManifest.pathFor(source));
        // Read the input before the target is touched: a damaged file must not cost anything.
        DataExport export = backup ? null : DataExport.read(source);
        if (replace) {
            protection.check(this, "load-data --replace (delete the rows of the loaded tables)", target.database(), unmatched);
        } else {
            ProtectionOptions.confirmedDatabase(unmatched);
        }
        try (Connection c = Database.connect(target);
             DataOnlyBackup.Unpacked unpacked = backup ? DataOnlyBackup.unpack(source, c,
                     clientLocator(pgDump), exclude) : null) {
            if (unpacked != null) {
                export = unpacked.export();
                unpacked.excluded().forEach((table, rows) -> output().notice("not loaded: " + table + " (" + rows
                        + " rows), the history of the database the backup was taken from"));
            }
            DataLoad.Report report = DataLoad.load(c, export, replace);
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("database", target.maskedUrl());
                json.put("file", source.toString());
                json.put("loaded", report.committed());
                json.put("tables", LoadReport.json(report));
                output().json(json);
            } else {
                LoadReport.print(output(), report);
            }
            if (!report.committed()) {
                output().error("nothing was loaded into " + target.database() + " (it is as it was): some tables could not be"
                        + " loaded in full or break a constraint (above)");
                return ErrorCode.OPERATION_FAILED.exitCode();
            }
            return 0;
        } catch (SQLException e) {
            throw Database.connectionFailure(target, e);
        }
    }
}
