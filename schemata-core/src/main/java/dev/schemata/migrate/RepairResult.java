package dev.schemata.migrate;

import java.util.List;

/**
 * What {@code repair} changed.
 *
 * @param removedRows      failed rows deleted (nothing of them had completed)
 * @param droppedIndexes   invalid indexes our own failed concurrent builds had left
 * @param resumable        migrations kept as resume points: some statements completed, the next migrate
 *                         continues after them
 * @param acceptedChecksum the version whose checksum was re-recorded, if asked
 */
public record RepairResult(List<String> removedRows, List<String> droppedIndexes, List<String> resumable,
                           String acceptedChecksum) {
    public RepairResult {
        removedRows = List.copyOf(removedRows);
        droppedIndexes = List.copyOf(droppedIndexes);
        resumable = List.copyOf(resumable);
    }
}
