package dev.schemata.history;

import java.time.Instant;
import java.util.List;

/**
 * One row of the history table.
 *
 * @param version        the version as written in the file name; null for repeatable and declarative rows
 * @param success        false for a migration that ran outside a transaction and stopped part-way
 * @param statementsRun  for such a migration, how many of its statements completed (where to resume)
 * @param invalidIndexes indexes that a failed or interrupted concurrent build of this migration left INVALID
 * @param backup         the backup file taken before this run, if any
 */
public record HistoryRow(long id, String version, String filename, String description, HistoryKind kind,
                         String checksum, Instant appliedAt, String appliedBy, Long executionMs, boolean success,
                         Integer statementsRun, String error, List<String> invalidIndexes, String backup) {
    public HistoryRow {
        invalidIndexes = invalidIndexes == null ? List.of() : List.copyOf(invalidIndexes);
    }

    /** True for rows that make their version count as applied. */
    public boolean countsAsApplied() {
        return kind == HistoryKind.VERSIONED || kind == HistoryKind.BASELINE;
    }
}
