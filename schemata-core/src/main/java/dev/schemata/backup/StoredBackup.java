package dev.schemata.backup;

import java.nio.file.Path;

/** A backup file in a backup directory, with the manifest that makes it ours. */
public record StoredBackup(Path file, BackupManifest manifest) {
}
