package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupFormat;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an environment's backups go and how long they are kept.
 *
 * @param dir           the backup directory
 * @param format        custom (pg_restore archive) or plain (gzip-compressed SQL)
 * @param beforeMigrate whether {@code migrate} takes and verifies a backup before the first pending migration
 * @param keepDays      {@code backups prune} keeps backups younger than this many days (null: not set)
 * @param keepLast      {@code backups prune} keeps this many newest backups per database (null: not set)
 */
public record BackupSettings(Path dir, BackupFormat format, boolean beforeMigrate, Integer keepDays, Integer keepLast) {
    public static final int MAX_KEEP_DAYS = 36_500;
    public static final int MAX_KEEP_LAST = 100_000;

    public BackupSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(format, "format");
        if (keepDays != null && (keepDays < 0 || keepDays > MAX_KEEP_DAYS)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "backup_keep_days must be between 0 and " + MAX_KEEP_DAYS
                    + ", got " + keepDays);
        }
        if (keepLast != null && (keepLast < 1 || keepLast > MAX_KEEP_LAST)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "backup_keep_last must be between 1 and " + MAX_KEEP_LAST
                    + ", got " + keepLast);
        }
    }
}
