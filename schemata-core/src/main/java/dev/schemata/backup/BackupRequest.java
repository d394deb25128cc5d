package dev.schemata.backup;

import dev.schemata.history.HistoryTable;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code backup} is asked for.
 *
 * @param dir          where the file and its manifest go (created owner-only when missing)
 * @param historyTable where the schema version is read from (and whose rows a schema-only backup keeps)
 */
public record BackupRequest(Path dir, BackupFormat format, BackupContent content, HistoryTable historyTable) {
    public BackupRequest {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(historyTable, "historyTable");
    }
}
