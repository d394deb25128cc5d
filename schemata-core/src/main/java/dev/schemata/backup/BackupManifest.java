package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON file beside every backup ({@code <backup file>.json}). It is what makes a file "ours": listing,
 * retention and restore only consider files with a manifest that names them.
 *
 * @param file          the backup's file name (no directory)
 * @param server        the source as a URL with the password masked
 * @param schemaVersion the highest applied migration when the backup was taken (null: no history)
 * @param rowCounts     exact rows per table ({@code schema.table}) in the snapshot the backup was taken from
 * @param verifiedAt    when {@code --verify} last succeeded (null: not verified)
 * @param notVerified   what that verification could not check, e.g. an extension only a superuser may create
 */
public record BackupManifest(String toolVersion, String file, BackupFormat format, BackupContent content,
                             String database, String server, String serverVersion, String schemaVersion,
                             String historyTable, Instant createdAt, long sizeBytes, String sha256, long durationMs,
                             String pgDumpPath, String pgDumpVersion, Map<String, Long> rowCounts, Instant verifiedAt,
                             List<String> notVerified) {
    public static final String TOOL = "schemata";
    public static final String SUFFIX = ".json";

    public BackupManifest {
        rowCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(rowCounts));
        notVerified = notVerified == null ? List.of() : List.copyOf(notVerified);
    }

    public static Path pathFor(Path backupFile) {
        return backupFile.resolveSibling(backupFile.getFileName() + SUFFIX);
    }

    public BackupManifest verified(Instant at, List<String> notChecked) {
        return new BackupManifest(toolVersion, file, format, content, database, server, serverVersion, schemaVersion,
                historyTable, createdAt, sizeBytes, sha256, durationMs, pgDumpPath, pgDumpVersion, rowCounts, at, notChecked);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", TOOL);
        json.put("toolVersion", toolVersion);
        json.put("file", file);
        json.put("format", format.label());
        json.put("content", content.label());
        json.put("database", database);
        json.put("server", server);
        json.put("serverVersion", serverVersion);
        json.put("schemaVersion", schemaVersion);
        json.put("historyTable", historyTable);
        json.put("createdAt", createdAt.toString());
        json.put("sizeBytes", sizeBytes);
        json.put("sha256", sha256);
        json.put("durationMs", durationMs);
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("path", pgDumpPath);
        dump.put("version", pgDumpVersion);
        json.put("pgDump", dump);
        json.put("rowCounts", rowCounts);
        json.put("verifiedAt", verifiedAt == null ? null : verifiedAt.toString());
        json.put("notVerified", notVerified);
        return json;
    }

    /** Writes the manifest beside its backup, owner-only, replacing an older one atomically. */
    public Path write(Path backupFile) {
        Path target = pathFor(backupFile);
        try (BackupFiles.PartialFile tmp = BackupFiles.PartialFile.create(target); OutputStream out = tmp.out()) {
            out.write((Json.pretty(toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.close();
            tmp.moveTo(target);
            return target;
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the manifest of a backup file.
     *
     * @throws SchemataException when it is missing, unreadable, not ours, or names another file
     */
    public static BackupManifest read(Path backupFile) {
        Path path = pathFor(backupFile);
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, backupFile + " has no readable manifest (" + path.getFileName()
                    + "): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, path + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> json) || !TOOL.equals(json.get("tool"))) {
            throw new SchemataException(ErrorCode.BAD_INPUT, path + " is not a Schemata backup manifest");
        }
        if (!backupFile.getFileName().toString().equals(json.get("file"))) {
            throw new SchemataException(ErrorCode.BAD_INPUT, path + " describes " + json.get("file") + ", not "
                    + backupFile.getFileName());
        }
        try {
            Map<String, Long> counts = new TreeMap<>();
            if (json.get("rowCounts") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
            }
            Map<?, ?> dump = json.get("pgDump") instanceof Map<?, ?> d ? d : Map.of();
            return new BackupManifest(text(json, "toolVersion"), text(json, "file"),
                    BackupFormat.parse(text(json, "format"), "format"), BackupContent.fromLabel(text(json, "content")),
                    text(json, "database"), text(json, "server"), text(json, "serverVersion"), text(json, "schemaVersion"),
                    text(json, "historyTable"), Instant.parse(text(json, "createdAt")), number(json, "sizeBytes"),
                    text(json, "sha256"), number(json, "durationMs"), (String) dump.get("path"), (String) dump.get("version"),
                    counts, json.get("verifiedAt") == null ? null : Instant.parse(text(json, "verifiedAt")),
                    json.get("notVerified") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of());
        } catch (RuntimeException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, path + ": incomplete or invalid manifest: " + e.getMessage(), e);
        }
    }

    private static String text(Map<?, ?> json, String key) {
        Object v = json.get(key);
        return v == null ? null : v.toString();
    }

    private static long number(Map<?, ?> json, String key) {
        Object v = json.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return n.longValue();
    }
}
