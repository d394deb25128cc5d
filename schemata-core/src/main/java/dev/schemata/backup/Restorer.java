package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Restores a backup into a database. The file must carry our manifest and match its SHA-256. The backup
 * is loaded into a new database first and its row counts checked against the manifest; only then is an
 * existing database of the target name dropped and the new one renamed into its place, so a corrupt or
 * incompatible backup never costs the database it was meant to replace. The history table comes back
 * with the schema it describes, since both are in the backup.
 */
public final class Restorer {
    private final ClientLocator locator;
    private final Consumer<String> notices;

    public Restorer(ClientLocator locator, Consumer<String> notices) {
        this.locator = locator;
        this.notices = notices;
    }

    /**
     * What restore did.
     *
     * @param replaced      whether a database of that name existed and was replaced
     * @param schemaVersion the version the restored history table records (null: none)
     */
    public record Result(Path file, String database, boolean replaced, String schemaVersion, Map<String, Long> rowCounts,
                         Duration elapsed) {
    }

    /**
     * @param target     the database to restore into (replaced when it exists, unless {@code mustBeNew})
     * @param mustBeNew  refuse when the database already exists
     */
    public Result restore(Path file, ConnectionSettings target, boolean mustBeNew, HistoryTable historyTable) {
        long started = System.nanoTime();
        if (!Files.isRegularFile(file)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "backup file " + file + " does not exist");
        }
        BackupManifest m = BackupManifest.read(file);
        if (m.content() == BackupContent.DATA_ONLY) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file.getFileName() + " is a --data-only backup: it holds no schema."
                    + " Load it into a database that has the schema with `schemata load-data " + file.getFileName() + "`.");
        }
        String sha = BackupFiles.sha256(file);
        if (!sha.equals(m.sha256())) {
            throw new SchemataException(ErrorCode.BAD_INPUT, file + " does not match its manifest (SHA-256 " + sha
                    + ", recorded " + m.sha256() + "): it was changed or is damaged; nothing was restored");
        }
        String staging = Maintenance.stagingName(target.database(), "restoring");
        try (Maintenance server = Maintenance.connect(target)) {
            boolean exists = server.exists(target.database());
            if (exists && mustBeNew) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "database \"" + target.database() + "\" already exists on "
                        + target.maskedUrl() + "; choose another --new-database name");
            }
            String owner = server.owner(target.database()).orElse(null);
            server.createDatabase(staging, owner);
            Map<String, Long> counts;
            String version;
            try {
                notices.accept("restoring " + file.getFileName() + " (" + m.database() + ", schema version "
                        + (m.schemaVersion() == null ? "none" : m.schemaVersion()) + ") into a new database " + staging);
                ArchiveLoader.load(file, m.format(), target.withDatabase(staging), locator,
                        Math.max(server.major(), Backups.major(m.pgDumpVersion())));
                try (Connection c = Database.connect(target.withDatabase(staging))) {
                    counts = DatabaseFacts.rowCounts(c, DatabaseFacts.tables(c));
                    version = DatabaseFacts.schemaVersion(c, historyTable).orElse(null);
                }
                List<String> problems = new ArrayList<>();
                m.rowCounts().forEach((table, expected) -> {
                    if (!expected.equals(counts.get(table))) {
                        problems.add(table + ": " + expected + " rows in the backup, " + counts.get(table) + " restored");
                    }
                });
                if (!Objects.equals(version, m.schemaVersion()) && m.historyTable().equals(historyTable.toString())) {
                    problems.add("history table " + historyTable + " records version " + version + ", the manifest "
                            + m.schemaVersion());
                }
                if (!problems.isEmpty()) {
                    throw new SchemataException(ErrorCode.OPERATION_FAILED, "the restored copy of " + file.getFileName()
                            + " does not match its manifest; " + target.database() + " was left as it was:\n  - "
                            + String.join("\n  - ", problems));
                }
            } catch (RuntimeException e) {
                server.dropDatabase(staging);
                throw e;
            }
            server.replace(target.database(), staging, exists, "the backup was restored and checked");
            return new Result(file, target.database(), exists, version, counts, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "restoring " + file + " into " + target.maskedUrl()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
