package dev.schemata.migrate;

/**
 * A migration that {@code rollback} undid.
 *
 * @param file          the down migration that ran (for a restore: the backup file)
 * @param statements    statements of the down that were sent
 * @param transactional false when the down ran statement by statement outside a transaction
 */
public record RolledBackMigration(String version, String description, String file, long executionMs,
                                  int statements, boolean transactional) {
}
