package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to look for migrations: a directory ({@code filesystem:db/migration}, or a plain path) or a folder on
 * the class path ({@code classpath:db/migration}), which may be in a classes directory, a jar, or a jar nested
 * in a Spring Boot executable jar.
 */
public sealed interface MigrationLocation permits MigrationLocation.Directory, MigrationLocation.Classpath {

    /** The library's default, as Flyway users expect. */
    MigrationLocation DEFAULT = new Classpath("db/migration");

    /**
     * {@code classpath:…}, {@code filesystem:…}, or a path without prefix (a directory).
     *
     * @throws SchemataException with {@code BAD_CONFIG} for an empty location or an unknown prefix
     */
    static MigrationLocation parse(String text) {
        Objects.requireNonNull(text, "location");
        if (text.startsWith("classpath:")) {
            return new Classpath(text.substring("classpath:".length()));
        }
        String path = text.startsWith("filesystem:") ? text.substring("filesystem:".length()) : text;
        if (path.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "empty migrations location: \"" + text + "\"");
        }
        if (path.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !path.matches("[A-Za-z]:[\\\\/].*")) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "unknown migrations location \"" + text
                    + "\"; use classpath:db/migration, filesystem:path or a plain path");
        }
        return new Directory(Path.of(path));
    }

    /** A directory on disk. */
    record Directory(Path path) implements MigrationLocation {
        public Directory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "filesystem:" + path;
        }
    }

    /**
     * A folder on the class path, {@code /}-separated, without leading or trailing {@code /}.
     */
    record Classpath(String path) implements MigrationLocation {
        public Classpath {
            Objects.requireNonNull(path, "path");
            path = path.replaceAll("^/+|/+$", "");
            if (path.isEmpty()) {
                // The class path's root would scan every jar of the application.
                throw new SchemataException(ErrorCode.BAD_CONFIG,
                        "classpath location needs a folder, as in classpath:db/migration");
            }
        }

        @Override
        public String toString() {
            return "classpath:" + path;
        }
    }
}
