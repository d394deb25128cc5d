package dev.schemata.migration;

import java.util.Objects;

/**
 * The SQL that undoes one migration: a {@code .down.sql} file, a Flyway {@code U} file, a Diesel
 * {@code down.sql}, or the {@code -- migrate:down} section of a dbmate file.
 *
 * @param blank true when it holds only white space: rolling back then runs nothing (real projects ship
 *              empty Diesel {@code down.sql} files on purpose)
 */
public record DownMigration(MigrationFile file, String relativePath, String checksum, int lineOffset, int endLine,
        boolean blank) implements SqlSource {
    public DownMigration {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(checksum, "checksum");
    }
}
