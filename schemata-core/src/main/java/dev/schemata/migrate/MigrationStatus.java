package dev.schemata.migrate;

import java.time.Instant;

/**
 * One line of {@code status}.
 *
 * @param version       as written in the file name; null for repeatable migrations
 * @param file          the path below the migrations directory; null when the file is missing
 * @param kind          versioned, repeatable or baseline
 * @param checksum      the file's checksum (or the recorded one, when the file is missing)
 * @param resumeAt      for a migration that stopped part-way outside a transaction, the statement (1-based)
 *                      the next run starts with; otherwise null
 * @param backup        the backup taken before the run that applied it, if one is recorded: what
 *                      {@code rollback --restore} restores
 */
public record MigrationStatus(String version, String description, String file, String kind, MigrationState state,
                              String checksum, Instant appliedAt, Long executionMs, Integer resumeAt, String error,
                              String backup) {
}
