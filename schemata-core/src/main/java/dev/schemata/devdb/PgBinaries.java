package dev.schemata.devdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A set of PostgreSQL server programs (initdb, pg_ctl, postgres) in one directory.
 *
 * @param binDir  the directory holding them
 * @param version the full server version, e.g. "15.18"
 * @param origin  where they came from, for messages ("/usr/lib/postgresql/15/bin", "Maven Central 18.6.0")
 */
public record PgBinaries(Path binDir, String version, String origin) {

    public int major() {
        return Integer.parseInt(version.split("[.]")[0]);
    }

    public Path program(String name) {
        return binDir.resolve(name);
    }

    /** A client program (pg_dump, psql) from the same directory, when this set ships one. */
    public Optional<Path> client(String name) {
        Path p = binDir.resolve(name);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** The directory of loadable modules, to tell whether an extension such as pg_stat_statements is there. */
    public Path libDir() {
        Path debian = binDir.getParent().resolve("lib");
        Path zonky = binDir.getParent().resolve("lib/postgresql");
        return Files.isDirectory(zonky) ? zonky : debian;
    }

    static boolean looksComplete(Path dir) {
        return dir != null && Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("postgres"));
    }
}
