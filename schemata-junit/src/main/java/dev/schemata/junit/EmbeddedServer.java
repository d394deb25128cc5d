package dev.schemata.junit;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.devdb.BinaryLocator;
import dev.schemata.devdb.BinarySpec;
import dev.schemata.devdb.Cluster;
import dev.schemata.devdb.PgBinaries;
import dev.schemata.devdb.ServerUser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The throwaway PostgreSQL server of a test run, in a new temporary directory: the machine's server binaries, or
 * those {@code SCHEMATA_PG_BIN} / {@code SCHEMATA_PG_VERSION} name, else the ones published on Maven Central.
 * Like every cluster Schemata runs, it trusts nobody (its superuser has a random password), listens on
 * 127.0.0.1 only and skips fsync. Closing it stops it and deletes its directory.
 */
record EmbeddedServer(Cluster cluster, Path dir, ConnectionSettings admin) implements AutoCloseable {

    static EmbeddedServer start() {
        Environment env = Environment.current();
        PgBinaries binaries = new BinaryLocator(env, BuildInfo.load(), message -> System.err.println("schemata-junit: " + message))
                .locate(BinarySpec.of(env, null, null));
        Path dir;
        try {
            dir = Files.createTempDirectory("schemata-junit-");
            // The server may run as another user (PostgreSQL refuses root), who must reach the data directory.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create a directory for the test server: " + e.getMessage(), e);
        }
        Cluster cluster = new Cluster(binaries, dir.resolve("data"), ServerUser.detect(env));
        try {
            cluster.init();
            cluster.start(0);
            return new EmbeddedServer(cluster, dir, cluster.settings("postgres", "the test server"));
        } catch (RuntimeException e) {
            new EmbeddedServer(cluster, dir, null).close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            cluster.stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
