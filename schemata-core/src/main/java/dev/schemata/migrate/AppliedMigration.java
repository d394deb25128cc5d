package dev.schemata.migrate;

/**
 * A migration this run applied.
 *
 * @param transactional false when it ran statement by statement outside a transaction
 */
public record AppliedMigration(String version, String description, String file, long executionMs,
                               int statements, boolean transactional) {
}
