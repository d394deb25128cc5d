package dev.schemata.cli;

import dev.schemata.backup.BackupDirectory;
import dev.schemata.backup.BackupManifest;
import dev.schemata.backup.StoredBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata backups list|prune}: the backups in a directory, and retention. */
@Command(name = "backups", mixinStandardHelpOptions = true,
        description = "List backups, or delete old ones. Only files with a Schemata manifest count as backups.",
        subcommands = {BackupsCommand.ListCommand.class, BackupsCommand.PruneCommand.class})
final class BackupsCommand extends BaseCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        spec.commandLine().usage(context().err());
        return 2;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    static Map<String, Object> json(StoredBackup b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", b.file().toString());
        json.putAll(b.manifest().toJson());
        return json;
    }

    abstract static class DirCommand extends BaseCommand {
        @Option(names = "--dir", paramLabel = "DIR", description = "Backup directory (default: the environment's backup_dir, else ./backups).")
        Path dir;

        BackupDirectory directory() {
            return new BackupDirectory(dir != null ? context().resolve(dir) : environment().backup().dir());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups in the directory, newest first.")
    static final class ListCommand extends DirCommand {
        @Override
        public Integer call() {
            BackupDirectory directory = directory();
            BackupDirectory.Listing listing = directory.list();
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("directory", directory.dir().toString());
                json.put("backups", listing.backups().stream().map(BackupsCommand::json).toList());
                json.put("otherFiles", listing.otherFiles().stream().map(p -> p.getFileName().toString()).toList());
                output().json(json);
                return 0;
            }
            if (listing.backups().isEmpty()) {
                output().result("No backups in " + directory.dir() + ".");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[]{"FILE", "DATABASE", "CREATED", "VERSION", "CONTENT", "SIZE", "VERIFIED"});
                for (StoredBackup b : listing.backups()) {
                    BackupManifest m = b.manifest();
                    rows.add(new String[]{b.file().getFileName().toString(), m.database(), TIME.format(m.createdAt()),
                            m.schemaVersion() == null ? "-" : m.schemaVersion(), m.content().label(), size(m.sizeBytes()),
                            m.verifiedAt() == null ? "no" : "yes"});
                }
                Tables.print(output(), rows);
            }
            if (!listing.otherFiles().isEmpty()) {
                output().notice(listing.otherFiles().size() + " other file(s) in " + directory.dir()
                        + " have no Schemata manifest and are left alone");
            }
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete old backups. Per database, the newest backup is always kept; so is every backup younger than"
                    + " --keep-days and each of the --keep-last newest. Files without a Schemata manifest are never touched.")
    static final class PruneCommand extends DirCommand {
        @Option(names = "--keep-days", paramLabel = "N", description = "Keep backups younger than N days (default: backup_keep_days).")
        Integer keepDays;

        @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups of each database (default: backup_keep_last).")
        Integer keepLast;

        @Option(names = "--dry-run", description = "Show what would be deleted; delete nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Integer days = keepDays != null || keepLast != null ? keepDays : environment().backup().keepDays();
            Integer last = keepDays != null || keepLast != null ? keepLast : environment().backup().keepLast();
            BackupDirectory directory = directory();
            BackupDirectory.PruneResult result = directory.prune(days, last, Instant.now(), dryRun);
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("directory", directory.dir().toString());
                json.put("dryRun", dryRun);
                json.put("kept", result.kept().stream().map(b -> b.file().getFileName().toString()).toList());
                json.put("deleted", result.deleted().stream().map(b -> b.file().getFileName().toString()).toList());
                output().json(json);
            } else {
                for (StoredBackup b : result.deleted()) {
                    output().result((dryRun ? "would delete " : "deleted ") + b.file().getFileName());
                }
                output().notice((dryRun ? "would keep " : "kept ") + result.kept().size() + " backup(s), "
                        + (dryRun ? "would delete " : "deleted ") + result.deleted().size() + " in " + directory.dir());
            }
            return 0;
        }
    }
}
