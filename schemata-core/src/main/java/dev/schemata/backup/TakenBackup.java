package dev.schemata.backup;

import java.nio.file.Path;

/**
 * A backup just written, with the facts of the snapshot it was taken from (what {@code --verify} compares a
 * restored copy with).
 */
public record TakenBackup(Path file, BackupManifest manifest, DatabaseFacts source) {
}
