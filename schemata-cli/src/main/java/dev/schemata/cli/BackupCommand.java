package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupContent;
import dev.schemata.backup.BackupFormat;
import dev.schemata.backup.BackupManifest;
import dev.schemata.backup.BackupRequest;
import dev.schemata.backup.Backups;
import dev.schemata.backup.TakenBackup;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schemata backup}: pg_dump of the target with a manifest, optionally verified by a test restore. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the target database with pg_dump (custom format by default) into "
                + "<db>_<YYYYMMDD_HHMMSS>_v<schema version> with a JSON manifest beside it.")
final class BackupCommand extends BaseCommand {
    @Option(names = "--dir", paramLabel = "DIR", description = "Backup directory (default: the environment's backup_dir, else ./backups).")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", description = "custom (pg_restore archive) or plain (gzip-compressed SQL).")
    String format;

    @Option(names = "--schema-only", description = "Only the schema (and the history table's rows).")
    boolean schemaOnly;

    @Option(names = "--data-only", description = "Only table data.")
    boolean dataOnly;

    @Option(names = "--verify", description = "Restore the backup into a throwaway database and compare schema and row counts.")
    boolean verify;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "The pg_dump to use (also: SCHEMATA_PG_DUMP); pg_restore and psql are taken from its directory.")
    Path pgDump;

    @Option(names = "--history-table", paramLabel = "[SCHEMA.]TABLE", description = "History table the schema version is read from.")
    String historyTable;

    @Mixin
    DevOption devOption;

    @Override
    public Integer call() {
        if (schemaOnly && dataOnly) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--schema-only and --data-only exclude each other");
        }
        ConnectionSettings target = target(devOption);
        TakenBackup taken = take(this, target, dir, format, schemaOnly ? BackupContent.SCHEMA_ONLY
                : dataOnly ? BackupContent.DATA_ONLY : BackupContent.FULL, pgDump, historyTable(historyTable));
        BackupManifest manifest = taken.manifest();
        if (verify) {
            manifest = backups(this, pgDump).verify(target, taken);
        }
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", taken.file().toString());
            json.put("verified", manifest.verifiedAt() != null);
            json.put("manifest", manifest.toJson());
            output().json(json);
        } else {
            output().result(taken.file().toString());
            output().notice(String.format("backed up %s (schema version %s, %s, %d ms)%s", manifest.database(),
                    manifest.schemaVersion() == null ? "none" : manifest.schemaVersion(), BackupsCommand.size(manifest.sizeBytes()),
                    manifest.durationMs(), manifest.verifiedAt() == null ? "" : manifest.notVerified().isEmpty() ? ", verified"
                    : ", verified except " + String.join(", ", manifest.notVerified())));
        }
        return 0;
    }

    static Backups backups(BaseCommand command, Path pgDump) {
        return new Backups(command.clientLocator(pgDump), command.output()::notice);
    }

    /**
     * The verified backup taken before a schema change; no backup, no change: any failure stops the command
     * before anything changed, with {@code refusal} ("no backup, no migration") and {@code unchanged}.
     *
     * @param dir null for the environment's backup directory
     * @return the backup's file
     */
    static String beforeChange(BaseCommand command, ConnectionSettings target, Path dir, HistoryTable historyTable,
                               String refusal, String unchanged) {
        Path where = dir != null ? command.context().resolve(dir) : command.environment().backup().dir();
        return backups(command, null).beforeChange(target, new BackupRequest(where, command.environment().backup().format(),
                BackupContent.FULL, historyTable), refusal, unchanged);
    }

    /** Takes a backup with the options given, else the environment's settings. */
    static TakenBackup take(BaseCommand command, ConnectionSettings target, Path dir, String format, BackupContent content,
                            Path pgDump, HistoryTable historyTable) {
        Path where = dir != null ? command.context().resolve(dir) : command.environment().backup().dir();
        BackupFormat chosen = format != null ? BackupFormat.parse(format, "--format") : command.environment().backup().format();
        return backups(command, pgDump).take(target, new BackupRequest(where, chosen, content, historyTable));
    }
}
