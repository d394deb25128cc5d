package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Restores a backup into a database. A Schemata backup must match the SHA-256 of its manifest; plain SQL
 * without a manifest ({@code .sql}, {@code .sql.gz}, as {@code pg_dump | gzip} writes it) is accepted too.
 * The backup is loaded into a new database first and, when it has a manifest, its row counts checked
 * against it; only then is an existing database of the target name dropped and the new one renamed into
 * its place, so a corrupt or incompatible backup never costs the database it was meant to replace. The
 * rights this needs (creating the database, dropping the old one, ending its sessions) are checked before
 * anything is loaded, and whatever fails, the new database is dropped again (or named, when it cannot be).
 */
public final class Restorer {
    /** PostgreSQL cuts longer names to this many bytes, silently. */
    static final int MAX_NAME_BYTES = 63;

    private final ClientLocator locator;
    private final Consumer<String> notices;

    public Restorer(ClientLocator locator, Consumer<String> notices) {
        this.locator = locator;
        this.notices = notices;
    }

    /**
     * How to restore.
     *
     * @param mustBeNew    refuse when the database already exists
     * @param noOwner      do not set the backup's owners: everything belongs to the restoring user
     * @param noPrivileges do not restore the backup's grants
     */
    public record Options(boolean mustBeNew, boolean noOwner, boolean noPrivileges) {
    }

    /**
     * What restore did.
     *
     * @param replaced      whether a database of that name existed and was replaced
     * @param schemaVersion the version the restored history table records (null: none)
     * @param checked       whether row counts and version were checked against a manifest (false: plain SQL without one)
     * @param noOwner       whether the owners were left out (asked for, or chosen because they could not be taken)
     * @param noPrivileges  whether the grants were left out
     */
    public record Result(Path file, String database, boolean replaced, String schemaVersion, Map<String, Long> rowCounts,
                         Duration elapsed, boolean checked, boolean noOwner, boolean noPrivileges) {
    }

    public Result restore(Path file, ConnectionSettings target, Options options, HistoryTable historyTable) {
        long started = System.nanoTime();
        checkName(target.database());
        if (!Files.isRegularFile(file)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "backup file " + file + " does not exist");
        }
        BackupManifest m = manifest(file);
        BackupFormat format = m != null ? m.format() : BackupFormat.PLAIN;
        String staging = Maintenance.stagingName(target.database(), "restoring");
        try (Maintenance server = Maintenance.connect(target)) {
            boolean exists = server.exists(target.database());
            if (exists && options.mustBeNew()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "database \"" + target.database() + "\" already exists on "
                        + target.maskedUrl() + "; choose another --new-database name");
            }
            List<String> leftovers = server.databasesStartingWith(Maintenance.stagingPrefix(target.database(), "restoring"));
            if (!leftovers.isEmpty()) {
                notices.accept("found " + String.join(", ", leftovers) + ", left by an interrupted restore of \""
                        + target.database() + "\" (or one still running); not touched: once sure, drop with DROP DATABASE");
            }
            String owner = server.owner(target.database()).orElse(null);
            List<String> missing = server.missingRightsToReplace(target.database(), owner, exists);
            if (!missing.isEmpty()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot restore " + file.getFileName() + " into \""
                        + target.database() + "\" as user \"" + target.user() + "\":\n  - " + String.join("\n  - ", missing)
                        + "\nNothing was loaded or changed.");
            }
            int minMajor = Math.max(server.major(), m == null ? 0 : Backups.major(m.pgDumpVersion()));
            ArchiveLoader.Options load = loadOptions(file, format, options, server, minMajor);
            server.createDatabase(staging, owner);
            Map<String, Long> counts;
            String version;
            try {
                notices.accept("restoring " + file.getFileName() + (m == null ? "" : " (" + m.database() + ", schema version "
                        + (m.schemaVersion() == null ? "none" : m.schemaVersion()) + ")") + " into a new database " + staging);
                ArchiveLoader.load(file, format, target.withDatabase(staging), locator, minMajor, load);
                try (Connection c = Database.connect(target.withDatabase(staging))) {
                    counts = DatabaseFacts.rowCounts(c, DatabaseFacts.tables(c));
                    version = DatabaseFacts.schemaVersion(c, historyTable).orElse(null);
                }
                if (m != null) {
                    check(file, target, historyTable, m, counts, version);
                }
                if (exists) {
                    server.dropDatabase(target.database());
                }
            } catch (SQLException | RuntimeException e) {
                throw dropStaging(server, staging, e instanceof SchemataException s ? s
                        : new SchemataException(ErrorCode.OPERATION_FAILED, "restoring " + file + " into " + target.maskedUrl()
                        + " failed: " + e.getMessage() + "; \"" + target.database() + "\" was left as it was", e));
            }
            server.moveInto(staging, target.database(), "the backup was restored and checked");
            return new Result(file, target.database(), exists, version, counts, Duration.ofNanos(System.nanoTime() - started),
                    m != null, load.noOwner(), load.noPrivileges());
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "restoring " + file + " into " + target.maskedUrl()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** A name PostgreSQL would cut short creates a database other than the one asked for. */
    static void checkName(String database) {
        int bytes = database.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "the database name \"" + database + "\" is " + bytes
                    + " bytes long; PostgreSQL names are at most " + MAX_NAME_BYTES + " bytes (a longer one would be cut short)");
        }
    }

    /** The manifest of a Schemata backup; null for plain SQL without one. */
    private static BackupManifest manifest(Path file) {
        String name = file.getFileName().toString();
        if (!Files.exists(BackupManifest.pathFor(file)) && (name.endsWith(".sql") || name.endsWith(".sql.gz"))) {
            return null;
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
        return m;
    }

    /**
     * The options asked for, plus {@code --no-owner} / {@code --no-privileges} when the backup names owners this
     * user cannot become or grantees that do not exist on the target (said in a notice).
     */
    private ArchiveLoader.Options loadOptions(Path file, BackupFormat format, Options options, Maintenance server, int minMajor)
            throws SQLException {
        ArchiveLoader.check(file, format, new ArchiveLoader.Options(options.noOwner(), options.noPrivileges(), Set.of()));
        if (format != BackupFormat.CUSTOM || (options.noOwner() && options.noPrivileges())) {
            return new ArchiveLoader.Options(options.noOwner(), options.noPrivileges(), Set.of());
        }
        ArchiveLoader.Contents contents = ArchiveLoader.contents(file, locator, minMajor);
        boolean noOwner = options.noOwner();
        if (!noOwner) {
            List<String> foreign = new ArrayList<>();
            for (String owner : contents.owners()) {
                if (!server.canBecome(owner)) {
                    foreign.add(owner);
                }
            }
            if (!foreign.isEmpty()) {
                noOwner = true;
                notices.accept("the backup's objects belong to " + String.join(", ", foreign) + ", which this user cannot"
                        + " become here: restoring with --no-owner, so everything restored belongs to the restoring user");
            }
        }
        boolean noPrivileges = options.noPrivileges();
        if (!noPrivileges) {
            List<String> unknown = new ArrayList<>();
            for (String grantee : contents.grantees()) {
                if (!server.roleExists(grantee)) {
                    unknown.add(grantee);
                }
            }
            if (!unknown.isEmpty()) {
                noPrivileges = true;
                notices.accept("the backup grants privileges to " + String.join(", ", unknown) + ", which do not exist on"
                        + " this server: restoring with --no-privileges, so none of the backup's grants are restored");
            }
        }
        return new ArchiveLoader.Options(noOwner, noPrivileges, Set.of());
    }

    private static void check(Path file, ConnectionSettings target, HistoryTable historyTable, BackupManifest m,
                              Map<String, Long> counts, String version) {
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
    }

    /** Drops the half-made database after a failure; when even that fails, the error names it. */
    private static SchemataException dropStaging(Maintenance server, String staging, SchemataException cause) {
        try {
            server.dropDatabase(staging);
            return cause;
        } catch (SQLException e) {
            return new SchemataException(cause.code(), cause.getMessage() + "\nThe database \"" + staging + "\" that the"
                    + " restore created could not be dropped (" + e.getMessage() + "); drop it yourself: DROP DATABASE \""
                    + staging + "\"", cause);
        }
    }
}
