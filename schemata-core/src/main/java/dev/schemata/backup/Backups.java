package dev.schemata.backup;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.Extension;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.Redactor;
import dev.schemata.history.HistoryTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Takes backups with pg_dump and verifies them by restoring into a throwaway database.
 *
 * <p>The dump runs on a snapshot exported from Schemata's own connection ({@code pg_dump --snapshot}), and
 * the catalog model, the row counts and the schema version are read in that same snapshot: what the
 * manifest says is exactly what the file holds, however busy the database is. The file is written under a
 * temporary name and renamed when complete, so a failed or interrupted backup never looks like a backup.
 */
public final class Backups {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final ClientLocator locator;
    private final Consumer<String> notices;

    public Backups(ClientLocator locator, Consumer<String> notices) {
        this.locator = locator;
        this.notices = notices;
    }

    // ---------------------------------------------------------------- backup

    /**
     * The verified backup taken before a schema change (migrate, apply): no backup, no change. Any failure is
     * an {@code OPERATION_FAILED} that starts with {@code refusal} ("no backup, no migration") and ends with
     * {@code unchanged} ("Nothing was migrated."), thrown before anything changed.
     *
     * @return the backup's file, as recorded in the history
     */
    public String beforeChange(ConnectionSettings source, BackupRequest request, String refusal, String unchanged) {
        try {
            TakenBackup taken = take(source, request);
            verify(source, taken);
            return taken.file().toString();
        } catch (SchemataException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, refusal + ": " + e.getMessage() + "\n" + unchanged, e);
        }
    }


    public TakenBackup take(ConnectionSettings source, BackupRequest request) {
        long started = System.nanoTime();
        try (Connection c = Database.connect(source)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            String serverVersion;
            int serverMajor;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot(),"
                    + " pg_catalog.current_setting('server_version'), pg_catalog.current_setting('server_version_num')::int")) {
                rs.next();
                snapshot = rs.getString(1);
                serverVersion = rs.getString(2).split(" ")[0];
                serverMajor = rs.getInt(3) / 10000;
            }
            ClientProgram pgDump = locator.locate("pg_dump", serverMajor, "backing up " + source.maskedUrl()
                    + " (PostgreSQL " + serverVersion + ")");
            Path dir = BackupFiles.prepareDirectory(request.dir(), notices);
            List<String> stale = BackupFiles.removeStalePartials(dir);
            if (!stale.isEmpty()) {
                notices.accept("removed " + stale.size() + " partial file(s) that interrupted backups left in " + dir + ": "
                        + String.join(", ", stale));
            }
            String version = DatabaseFacts.schemaVersion(c, request.historyTable()).orElse(null);
            List<String> tables = DatabaseFacts.tables(c);
            String historyName = historyName(c, request.historyTable());
            boolean hasHistory = tables.contains(historyName);
            Instant createdAt = Instant.now();
            Path file = freeName(dir, fileStem(source.database(), createdAt, version), request.format().extension());

            List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "--no-password",
                    "--format=" + (request.format() == BackupFormat.CUSTOM ? "custom" : "plain"), "--snapshot=" + snapshot));
            Map<String, Long> counts;
            switch (request.content()) {
                case DATA_ONLY -> {
                    command.add("--data-only");
                    counts = DatabaseFacts.rowCounts(c, tables);
                }
                case SCHEMA_ONLY -> {
                    // The history rows stay, so that a restored schema knows its version.
                    counts = new TreeMap<>();
                    for (String table : tables) {
                        if (table.equals(historyName)) {
                            counts.putAll(DatabaseFacts.rowCounts(c, List.of(table)));
                        } else {
                            command.add("--exclude-table-data=" + table);
                            counts.put(table, 0L);
                        }
                    }
                    if (!hasHistory) {
                        command.add("--schema-only");
                    }
                }
                default -> counts = DatabaseFacts.rowCounts(c, tables);
            }
            DatabaseFacts facts = new DatabaseFacts(dev.schemata.catalog.CatalogReader.read(c,
                    dev.schemata.catalog.SchemaFilter.all()), counts);
            notices.accept("backing up " + source.maskedUrl() + " with " + pgDump + " into " + file);
            String sha256 = dump(command, source, file, request.format());
            c.commit();
            long size = Files.size(file);
            long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
            BackupManifest manifest = new BackupManifest(BuildInfo.load().version(), file.getFileName().toString(),
                    request.format(), request.content(), source.database(), source.maskedUrl(), serverVersion, version,
                    request.historyTable().toString(), createdAt, size, sha256, ms, pgDump.path().toString(),
                    pgDump.version(), counts, null, List.of());
            manifest.write(file);
            return new TakenBackup(file, manifest, facts);
        } catch (SQLException e) {
            throw new SchemataException(Database.isConnectionFailure(e) ? ErrorCode.CONNECTION_FAILED : ErrorCode.OPERATION_FAILED,
                    "backing up " + source.maskedUrl() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "backing up " + source.maskedUrl() + " failed: " + e, e);
        }
    }

    /** Runs pg_dump into a temporary file, then renames it; returns the file's SHA-256. */
    private String dump(List<String> command, ConnectionSettings source, Path file, BackupFormat format) throws IOException {
        try (BackupFiles.PartialFile partial = BackupFiles.PartialFile.create(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ClientRunner.Result r;
            try (OutputStream fileOut = new DigestOutputStream(partial.out(), digest)) {
                OutputStream sink = format == BackupFormat.PLAIN ? new GZIPOutputStream(fileOut, 1 << 16) : fileOut;
                r = ClientRunner.run(command, ClientRunner.libpqEnvironment(source), null, sink);
                sink.close();
            }
            if (r.exitCode() != 0) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "pg_dump of " + source.maskedUrl() + " failed (exit "
                        + r.exitCode() + "):\n" + Redactor.maskUrls(r.stderr().strip()));
            }
            partial.moveTo(file);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fileStem(String database, Instant at, String schemaVersion) {
        String safe = database.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe + "_" + STAMP.format(at) + "_v" + (schemaVersion == null ? "none" : schemaVersion.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    private static Path freeName(Path dir, String stem, String extension) {
        Path file = dir.resolve(stem + extension);
        for (int i = 2; Files.exists(file) || Files.exists(BackupManifest.pathFor(file)); i++) {
            file = dir.resolve(stem + "_" + i + extension);
        }
        return file;
    }

    /** The history table's name quoted as {@link DatabaseFacts#tables} quotes names. */
    private static String historyName(Connection c, HistoryTable table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT pg_catalog.format('%I.%I', ?, ?)")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    // ---------------------------------------------------------------- verify

    /**
     * Restores the backup into a throwaway database on the same server and compares its catalog model and
     * per-table row counts with the snapshot the backup was taken from; records the success in the manifest.
     *
     * @throws SchemataException naming every difference when they are not equal
     */
    public BackupManifest verify(ConnectionSettings source, TakenBackup backup) {
        BackupManifest m = backup.manifest();
        if (m.content() == BackupContent.DATA_ONLY) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "a --data-only backup holds no schema to restore on its own;"
                    + " verify works on full and --schema-only backups");
        }
        String name = "schemata_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        notices.accept("verifying " + backup.file().getFileName() + " by restoring it into the throwaway database " + name);
        List<String> problems = new ArrayList<>();
        List<String> notVerified = new ArrayList<>();
        Set<String> skipped = new TreeSet<>();
        try (Maintenance server = Maintenance.connect(source)) {
            // An extension a DBA created is not the verifier's to create: the rest is verified without it, and
            // what was left out is said and recorded.
            for (Extension extension : backup.source().model().extensions()) {
                Optional<String> why = server.whyNotCreatable(extension.name());
                if (why.isPresent()) {
                    skipped.add(extension.name());
                    notVerified.add("extension " + extension.name() + " (" + why.get() + ")");
                }
            }
            if (!notVerified.isEmpty()) {
                notices.accept("not verified: " + String.join(", ", notVerified) + "; the rest of the backup is restored"
                        + " and compared without it");
            }
            server.createDatabase(name, null);
            try {
                ConnectionSettings copy = source.withDatabase(name);
                ArchiveLoader.load(backup.file(), m.format(), copy, locator, Math.max(server.major(), major(m.pgDumpVersion())),
                        new ArchiveLoader.Options(false, false, skipped));
                try (Connection c = Database.connect(copy)) {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    DatabaseFacts restored = DatabaseFacts.read(c);
                    c.commit();
                    problems.addAll(DatabaseFacts.differences(backup.source().model(), restored.model(), skipped));
                    Map<String, Long> expected = m.rowCounts();
                    for (Map.Entry<String, Long> e : expected.entrySet()) {
                        Long got = restored.rowCounts().get(e.getKey());
                        if (!e.getValue().equals(got)) {
                            problems.add("table " + e.getKey() + ": " + e.getValue() + " rows in the source, "
                                    + (got == null ? "missing" : got + " rows") + " in the restored copy");
                        }
                    }
                    restored.rowCounts().keySet().stream().filter(t -> !expected.containsKey(t))
                            .forEach(t -> problems.add("table " + t + " exists only in the restored copy"));
                }
            } finally {
                server.dropDatabase(name);
            }
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "verifying " + backup.file().getFileName() + " failed: "
                    + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "backup " + backup.file() + " failed verification: the"
                    + " restored copy differs from the source:\n  - " + String.join("\n  - ", problems));
        }
        BackupManifest verified = m.verified(Instant.now(), notVerified);
        verified.write(backup.file());
        notices.accept("verified " + backup.file().getFileName() + ": schema and the rows of " + m.rowCounts().size()
                + " tables match the source" + (notVerified.isEmpty() ? "" : "; not verified: " + String.join(", ", notVerified)));
        return verified;
    }

    static int major(String version) {
        try {
            return version == null ? 0 : Integer.parseInt(version.split("[.]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
