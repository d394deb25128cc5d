package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Rebuilds a (development) database: a new database is built beside it with a caller-supplied step
 * (migrate, or a schema file) and, with {@code keepData}, the rows exported from the old one (checked
 * against its counts first) are loaded into it and checked against every constraint of the new schema.
 * Only when all of that succeeded does the new database take the old one's name; otherwise it is
 * dropped and the old database is left as it was. The export is kept on disk whenever some rows could not
 * be loaded, or were loaded without some of their values.
 */
public final class DatabaseReset {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final Consumer<String> notices;

    public DatabaseReset(Consumer<String> notices) {
        this.notices = notices;
    }

    /**
     * @param exportRoot where the data export goes (a new directory below it), with {@code keepData}
     * @param exclude    tables (unquoted {@code schema.name}) whose rows are not carried over: the history
     *                   table and its side tables, which the rebuild writes afresh
     */
    public record Request(boolean keepData, Path exportRoot, Set<String> exclude) {
    }

    /**
     * What reset did; {@code load} and {@code export} are null without {@code keepData}.
     *
     * @param replaced whether the rebuilt database took the old one's place: false when some rows could not
     *                 be loaded or break the new schema, and the old database was left as it was
     */
    public record Result(String database, DataExport export, DataLoad.Report load, boolean exportKept, boolean replaced) {
    }

    /** @param rebuild builds the schema into the database it is given (a new one, renamed into place afterwards) */
    public Result reset(ConnectionSettings target, Request request, Consumer<ConnectionSettings> rebuild) {
        DataExport export = null;
        if (request.keepData()) {
            Path dir = exportRoot(request.exportRoot()).resolve(target.database().replaceAll("[^A-Za-z0-9_.-]", "_") + "_"
                    + STAMP.format(Instant.now()) + "_" + Long.toHexString(System.nanoTime() & 0xffffff));
            try (Connection c = Database.connect(target)) {
                export = DataExport.export(c, dir, request.exclude());
            } catch (SQLException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "exporting " + target.maskedUrl() + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
            notices.accept("exported " + export.totalRows() + " rows of " + export.tables().size() + " tables into " + dir
                    + " (checked against the table counts)");
        }
        String staging = Maintenance.stagingName(target.database(), "rebuilding");
        DataLoad.Report report = null;
        try (Maintenance server = Maintenance.connect(target)) {
            boolean exists = server.exists(target.database());
            server.createDatabase(staging, server.owner(target.database()).orElse(null), false);
            try {
                rebuild.accept(target.withDatabase(staging));
                if (export != null) {
                    try (Connection c = Database.connect(target.withDatabase(staging))) {
                        report = DataLoad.load(c, export, true);
                    }
                }
            } catch (RuntimeException | SQLException e) {
                server.dropDatabase(staging);
                String kept = export == null ? "" : "; the exported data is kept in " + export.dir();
                if (e instanceof SchemataException se) {
                    throw new SchemataException(se.code(), se.getMessage() + "\n" + target.database() + " was left as it was" + kept, e);
                }
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "rebuilding " + target.maskedUrl() + " failed: "
                        + e.getMessage() + "; " + target.database() + " was left as it was" + kept, e);
            }
            if (report != null && !report.committed()) {
                server.dropDatabase(staging);
                return new Result(target.database(), export, report, true, false);
            }
            server.replace(target.database(), staging, exists, "the database was rebuilt" + (export == null ? "" : " and its data loaded"));
            notices.accept((exists ? "replaced database " : "created database ") + target.database() + " with the rebuilt one");
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "rebuilding " + target.maskedUrl() + " failed: " + e.getMessage()
                    + (export == null ? "" : "; the exported data is kept in " + export.dir()), e);
        }
        if (export == null) {
            return new Result(target.database(), null, null, false, true);
        }
        boolean lossless = report.notes().isEmpty();
        if (lossless) {
            deleteTree(export.dir());
        }
        return new Result(target.database(), export, report, !lossless, true);
    }

    /**
     * The export root, created owner-only when missing and kept out of git like a backup directory: it lies
     * in the project by default, and an export kept after a lossy load holds the old rows.
     */
    private Path exportRoot(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            boolean created = !Files.isDirectory(absolute);
            if (created) {
                Files.createDirectories(absolute.getParent());
                Files.createDirectory(absolute, BackupFiles.OWNER_ONLY_DIR);
            }
            BackupFiles.keepOutOfGit(absolute, created, "exported rows", notices);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create the export directory " + absolute + ": " + e, e);
        }
        return absolute;
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover export directory is harmless and named in the output
        }
    }
}
