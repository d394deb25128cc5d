package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.Restorer;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata restore FILE}: replace a database with a backup, or restore it into a new one. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a Schemata backup (or plain SQL from pg_dump): into a new database first, checked against its"
                + " manifest, then put in place of the target (which is left as it was if anything fails). Protected"
                + " environments need --force.")
final class RestoreCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A Schemata backup (its .json manifest beside it), or plain SQL from pg_dump (.sql, .sql.gz).")
    Path file;

    @Option(names = "--to", paramLabel = "URL", description = "Restore into this database instead of the target (replaced if it exists).")
    String to;

    @Option(names = "--new-database", paramLabel = "NAME", description = "Restore into a new database of this name on the target's server.")
    String newDatabase;

    @Option(names = "--no-owner", description = "Do not give objects the backup's owners: everything restored belongs to the"
            + " connecting user (chosen by itself, with a notice, when that user cannot take the backup's owners).")
    boolean noOwner;

    @Option(names = "--no-privileges", description = "Do not restore the backup's grants (chosen by itself, with a notice,"
            + " when they name roles missing on the target).")
    boolean noPrivileges;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "A pg_dump whose directory holds the pg_restore and psql to use (also: SCHEMATA_PG_DUMP).")
    Path pgDump;

    @Option(names = "--history-table", paramLabel = "[SCHEMA.]TABLE", description = "History table to read the restored version from.")
    String historyTable;

    @Mixin
    DevOption devOption;

    @Mixin
    ProtectionOptions protection;

    /** Collects --yes-i-mean-<dbname> (see ProtectionOptions). */
    @picocli.CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        if (to != null && devOption.dev) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--to and --dev exclude each other: give one");
        }
        if (to != null && newDatabase != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--to and --new-database exclude each other");
        }
        ConnectionSettings target = to != null
                ? new ConnectionResolver(context().env(), output()::warn).fromUrl(to, "--to") : target(devOption);
        output().addSecret(target.password());
        if (newDatabase != null) {
            target = target.withDatabase(newDatabase);
        } else {
            protection.check(this, "restore (replace with " + file.getFileName() + ")", target.database(), unmatched);
        }
        HistoryTable history = historyTable(historyTable);
        Restorer restorer = new Restorer(clientLocator(pgDump),
                output()::notice);
        Restorer.Result r = restorer.restore(context().resolve(file), target,
                new Restorer.Options(newDatabase != null, noOwner, noPrivileges), history);
        long rows = r.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", r.file().toString());
            json.put("database", target.maskedUrl());
            json.put("replaced", r.replaced());
            json.put("schemaVersion", r.schemaVersion());
            json.put("rowCounts", r.rowCounts());
            json.put("checkedAgainstManifest", r.checked());
            json.put("noOwner", r.noOwner());
            json.put("noPrivileges", r.noPrivileges());
            json.put("elapsedMs", r.elapsed().toMillis());
            output().json(json);
        } else {
            output().result(String.format("restored %s into %s%s: schema version %s, %d tables, %d rows (%.1f s)",
                    r.file().getFileName(), target.maskedUrl(), r.replaced() ? " (replacing the database)" : " (new database)",
                    r.schemaVersion() == null ? "none" : r.schemaVersion(), r.rowCounts().size(), rows,
                    r.elapsed().toMillis() / 1000.0));
            if (!r.checked()) {
                output().notice(r.file().getFileName() + " has no Schemata manifest: its row counts and schema version were"
                        + " not checked against one");
            }
        }
        return 0;
    }
}
