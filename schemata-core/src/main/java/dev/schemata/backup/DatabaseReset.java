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
 * Drops and recreates a (development) database, rebuilds its schema with a caller-supplied step (migrate,
 * or a schema file), and with {@code keepData} carries the rows over: exported and checked first, loaded
 * back after the rebuild. Nothing is dropped before the export is complete and checked; the export is
 * kept on disk whenever some rows could not be loaded, or the rebuild fails.
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

    /** What reset did; {@code load} and {@code export} are null without {@code keepData}. */
    public record Result(String database, DataExport export, DataLoad.Report load, boolean exportKept) {
    }

    public Result reset(ConnectionSettings target, Request request, Consumer<ConnectionSettings> rebuild) {
        DataExport export = null;
        if (request.keepData()) {
            Path dir = request.exportRoot().resolve(target.database().replaceAll("[^A-Za-z0-9_.-]", "_") + "_"
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
        try (Maintenance server = Maintenance.connect(target)) {
            String owner = server.owner(target.database()).orElse(null);
            server.dropDatabase(target.database());
            server.createDatabase(target.database(), owner, false);
            notices.accept("dropped and recreated database " + target.database());
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "recreating " + target.maskedUrl() + " failed: " + e.getMessage()
                    + (export == null ? "" : "; the exported data is kept in " + export.dir()), e);
        }
        try {
            rebuild.accept(target);
        } catch (RuntimeException e) {
            if (export != null) {
                throw new SchemataException(e instanceof SchemataException se ? se.code() : ErrorCode.OPERATION_FAILED,
                        e.getMessage() + "\nThe rebuild failed; the exported data is kept in " + export.dir(), e);
            }
            throw e;
        }
        if (export == null) {
            return new Result(target.database(), null, null, false);
        }
        DataLoad.Report report;
        try (Connection c = Database.connect(target)) {
            report = DataLoad.load(c, export);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "loading the data back failed: " + e.getMessage()
                    + "; the exported data is kept in " + export.dir(), e);
        }
        boolean complete = report.tables().stream().allMatch(DataLoad.TableResult::complete);
        if (complete) {
            deleteTree(export.dir());
        }
        return new Result(target.database(), export, report, !complete);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
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
