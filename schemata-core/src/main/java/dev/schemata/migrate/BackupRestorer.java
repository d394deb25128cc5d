package dev.schemata.migrate;

import dev.schemata.connect.ConnectionSettings;

import java.nio.file.Path;

/**
 * Puts a backup back into a database, replacing what the backup holds. {@code rollback --restore} calls it
 * after the user confirmed; the CLI runs {@code pg_restore}, a test or an application may do otherwise.
 */
@FunctionalInterface
public interface BackupRestorer {
    /**
     * @throws dev.schemata.SchemataException when the restore fails; the database should then be as before
     *         (the CLI's implementation restores in a single transaction)
     */
    void restore(Path backupFile, ConnectionSettings target);
}
