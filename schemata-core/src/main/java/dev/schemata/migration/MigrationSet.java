package dev.schemata.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All migrations of one migrations directory, or of several locations taken together: the versioned ones in
 * version order and the repeatable ones in description order (the order they are applied in).
 *
 * @param location   what was scanned, as shown in messages ("migrations directory db/migrations", or
 *                   "migrations location jar:file:/app.jar!/db/migration")
 * @param directory  the scanned directory when it was one directory on disk; null for a classpath location or
 *                   several places, which have no single folder to add a migration to
 * @param versioned  versioned migrations, ascending by version, no two with the same version
 * @param repeatable repeatable migrations, ascending by description
 */
public record MigrationSet(String location, Path directory, List<Migration> versioned, List<Migration> repeatable) {

    public MigrationSet {
        Objects.requireNonNull(location, "location");
        versioned = versioned.stream().sorted(Comparator.comparing(Migration::version)).toList();
        repeatable = repeatable.stream().sorted(Comparator.comparing(Migration::description)).toList();
        for (Migration migration : versioned) {
            if (migration.isRepeatable()) {
                throw new IllegalArgumentException("repeatable migration among versioned: " + migration.relativePath());
            }
        }
        for (Migration migration : repeatable) {
            if (!migration.isRepeatable()) {
                throw new IllegalArgumentException("versioned migration among repeatable: " + migration.relativePath());
            }
        }
    }

    /**
     * Reads every migration below {@code directory} (recursively, in name order; hidden files and folders
     * skipped; files not ending in {@code .sql} ignored). All problems are collected first and reported
     * together, so nothing is applied from a directory with a mistake anywhere in it.
     *
     * @throws dev.schemata.SchemataException with {@code BAD_INPUT} when the directory does not exist or any
     *         file is misnamed, empty, not UTF-8 (or holds a NUL byte), a symbolic link that leads nowhere, a
     *         duplicate version, or a down migration without its up
     *         migration; the message has one problem per line, each starting with the file's relative path
     */
    public static MigrationSet scan(Path directory) {
        return new DirectoryScanner(directory).scan();
    }

    /**
     * Reads the migrations of all {@code locations} as one set, with the same rules as {@link #scan(Path)}: a
     * {@code classpath:} location is every classes directory and jar (nested Spring Boot jars included) that
     * {@code classLoader} finds the folder in. Relative paths, and so the history's script names, are relative
     * to each place's folder, as they would be from a directory.
     *
     * @throws dev.schemata.SchemataException with {@code BAD_INPUT} as {@link #scan(Path)}, and when a location
     *         is not on the class path or cannot be read
     */
    public static MigrationSet scan(List<MigrationLocation> locations, ClassLoader classLoader) {
        return new DirectoryScanner(locations, classLoader).scan();
    }

    /** The versioned migration whose version compares equal to {@code version} ({@code 1} finds {@code 001}). */
    public Optional<Migration> find(Version version) {
        int low = 0;
        int high = versioned.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = versioned.get(middle).version().compareTo(version);
            if (order == 0) {
                return Optional.of(versioned.get(middle));
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
    }

    /** The versioned migration with the highest version. */
    public Optional<Migration> latest() {
        return versioned.isEmpty() ? Optional.empty() : Optional.of(versioned.get(versioned.size() - 1));
    }

    /** Every migration in apply order: versioned first, then repeatable. */
    public List<Migration> all() {
        List<Migration> all = new ArrayList<>(versioned);
        all.addAll(repeatable);
        return List.copyOf(all);
    }

    public boolean isEmpty() {
        return versioned.isEmpty() && repeatable.isEmpty();
    }
}
