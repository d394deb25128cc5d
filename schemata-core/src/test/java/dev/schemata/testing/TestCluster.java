package dev.schemata.testing;

import dev.schemata.BuildInfo;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.Environment;
import dev.schemata.devdb.BinaryLocator;
import dev.schemata.devdb.BinarySpec;
import dev.schemata.devdb.Cluster;
import dev.schemata.devdb.PgBinaries;
import dev.schemata.devdb.ServerUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The one throwaway PostgreSQL server of a test run. Its binaries are the machine's, unless the system
 * property {@code schemata.test.pg.version} (or {@code SCHEMATA_PG_VERSION}) names a Maven-published
 * version: that is how the suite runs against several PostgreSQL majors.
 *
 * <p>Like every cluster Schemata runs, it trusts no connection: tests log in with its superuser's random
 * password, which {@link TestDatabase#url()} and {@link #settings} carry.
 */
public final class TestCluster implements AutoCloseable {
    private static final String TEMPLATE = "schemata_test_template";

    private final Cluster cluster;
    private final Path dir;
    private final AtomicInteger databases = new AtomicInteger();

    private TestCluster(Cluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    public static TestCluster start() {
        Environment env = Environment.current();
        String version = System.getProperty("schemata.test.pg.version", "");
        BinarySpec spec = version.isBlank() ? BinarySpec.of(env, null, null) : new BinarySpec(null, version);
        PgBinaries binaries = new BinaryLocator(env, BuildInfo.load(), System.err::println).locate(spec);
        try {
            Path dir = Files.createTempDirectory("schemata-test-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Cluster cluster = new Cluster(binaries, dir.resolve("data"), ServerUser.detect(env));
            cluster.init();
            cluster.start(0);
            TestCluster test = new TestCluster(cluster, dir);
            // Also stop the server when the test JVM ends without JUnit closing the store (a crash, a kill).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (cluster.running().isPresent()) {
                    test.close();
                }
            }));
            test.execute("postgres", "CREATE DATABASE " + TEMPLATE);
            return test;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Cluster cluster() {
        return cluster;
    }

    public PgBinaries binaries() {
        return cluster.binaries();
    }

    /** A new, empty database, copied from an empty template (much faster than from template0). */
    public TestDatabase newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
        return new TestDatabase(this, cluster.settings(name, "test database " + name));
    }

    public ConnectionSettings settings(String database) {
        return cluster.settings(database, "test database " + database);
    }

    void execute(String database, String sql) {
        try (Connection c = Database.connect(settings(database)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cluster.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
