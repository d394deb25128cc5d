package dev.schemata.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * One migration found in the migrations directory.
 *
 * @param version     the version from the name; {@code null} for a repeatable migration
 * @param description the name's description with {@code _} shown as spaces ({@code 001_initial_schema.sql}
 *                    gives "initial schema")
 * @param kind        versioned (applied once, in version order) or repeatable (re-applied when its checksum
 *                    changes, after all versioned ones, ordered by description)
 * @param layout      the naming style it was found in; {@link NewMigration} follows the latest one
 * @param file        the file holding the SQL, on disk or in a jar
 * @param relativePath the file's path below the migrations directory, {@code /}-separated, as shown to users
 * @param checksum    the {@link Checksum} of the SQL; for a dbmate file of the {@code -- migrate:up} section
 *                    only, so that editing the down section does not count as editing an applied migration
 * @param lineOffset  lines of the file before the SQL (the marker line and anything above it for dbmate,
 *                    otherwise 0)
 * @param endLine     the file's last line of the SQL, or 0 for "to the end of the file"
 * @param down        the SQL that undoes it, if any
 */
public record Migration(Version version, String description, Kind kind, Layout layout, MigrationFile file,
        String relativePath, String checksum, int lineOffset, int endLine, Optional<DownMigration> down)
        implements SqlSource {

    /** How a migration is applied. */
    public enum Kind {
        /** Applied once, in version order. */
        VERSIONED,
        /** Flyway {@code R__name.sql}: applied after the versioned ones whenever its checksum changes. */
        REPEATABLE
    }

    /** The naming style a migration was found in. */
    public enum Layout {
        /** {@code 001_name.sql}, a single file without down part. */
        NUMBERED,
        /** golang-migrate: {@code 001_name.up.sql} with {@code 001_name.down.sql}. */
        UP_DOWN_FILES,
        /** Flyway: {@code V1__name.sql}, {@code U1__name.sql} (undo), {@code R__name.sql} (repeatable). */
        FLYWAY,
        /** Diesel: a {@code 2024-01-31-120000_name/} folder with {@code up.sql} and {@code down.sql}. */
        DIESEL,
        /** dbmate: one file with {@code -- migrate:up} and optional {@code -- migrate:down} sections. */
        DBMATE
    }

    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(down, "down");
        if ((version == null) != (kind == Kind.REPEATABLE)) {
            throw new IllegalArgumentException("a repeatable migration has no version, a versioned one needs one: "
                    + relativePath);
        }
    }

    public boolean isRepeatable() {
        return kind == Kind.REPEATABLE;
    }

    /** How the migration is named to users: its version (or "repeatable") and description. */
    public String label() {
        return (version == null ? "repeatable" : version.text()) + " " + description;
    }
}
