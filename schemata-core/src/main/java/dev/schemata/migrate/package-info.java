/**
 * Applying versioned migrations and reporting on them: {@code migrate}, {@code status}, {@code validate},
 * {@code baseline} and {@code repair}. Each migration commits together with its history row, or, when it
 * holds statements PostgreSQL refuses inside a transaction, runs statement by statement with its progress
 * recorded so that the next run resumes where it stopped. Undoing them follows the same rules:
 * {@code rollback} runs down migrations (or restores a recorded backup), and {@code verify-rollback}
 * proves on a throwaway database that each down undoes its up. This package reads the files and decides
 * what runs; {@link dev.schemata.execute} runs it.
 */
package dev.schemata.migrate;
