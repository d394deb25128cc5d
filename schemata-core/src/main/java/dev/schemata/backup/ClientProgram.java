package dev.schemata.backup;

import java.nio.file.Path;

/**
 * A PostgreSQL client program (pg_dump, pg_restore, psql) and its version.
 *
 * @param version as it reports it, e.g. "15.14"
 */
public record ClientProgram(Path path, String version) {
    public int major() {
        return Integer.parseInt(version.split("[.]")[0]);
    }

    /** Another program of the same installation (pg_restore beside pg_dump). */
    public Path sibling(String name) {
        return path.resolveSibling(name);
    }

    @Override
    public String toString() {
        return path + " (" + version + ")";
    }
}
