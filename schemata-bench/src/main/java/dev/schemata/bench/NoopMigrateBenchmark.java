package dev.schemata.bench;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.Migrator;
import dev.schemata.migration.MigrationSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an application pays at every start once its database is up to date: the library's {@code migrate()}
 * of a directory of 1,000 migrations that are all applied (scanning and checksumming the files, the lock,
 * reading the history, validating), in a warm JVM.
 *
 * <p>Needs a PostgreSQL server: {@code -Durl=postgresql://user:password@host:port} names it (the benchmark
 * creates and drops a database of its own there). {@code bench/run} passes its server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoopMigrateBenchmark {
    private static final String DATABASE = "schemata_jmh_noop";

    @Param("1000")
    int migrations;

    private Path dir;
    private ConnectionSettings server;
    private Migrator migrator;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        String url = System.getProperty("url");
        if (url == null) {
            throw new IllegalStateException("-Durl=postgresql://user:password@host:port names the server to run against");
        }
        server = new ConnectionResolver(Environment.current(), line -> { }).fromUrl(url + "/postgres", "-Durl");
        admin("DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE + " TEMPLATE template0");
        dir = Files.createTempDirectory("schemata-jmh");
        for (int i = 1; i <= migrations; i++) {
            Files.writeString(dir.resolve(String.format("%05d_step_%d.sql", i, i)), i % 5 == 1
                    ? "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t" + i + "_name ON t" + i + " (name);\n"
                    : "COMMENT ON TABLE t" + (i - (i - 1) % 5) + " IS 'step " + i + "';\n");
        }
        migrator = new Migrator(ConnectionFactory.of(server.withDatabase(DATABASE)), HistoryTable.DEFAULT, line -> { });
        MigrateResult first = migrator.migrate(MigrationSet.scan(dir), MigrateOptions.defaults());
        if (first.applied().size() != migrations) {
            throw new IllegalStateException("applied " + first.applied().size() + " of " + migrations + " migrations");
        }
    }

    /** The no-op migrate as an application runs it at start: the directory scanned again, nothing to apply. */
    @Benchmark
    public MigrateResult noopMigrate() {
        MigrateResult result = migrator.migrate(MigrationSet.scan(dir), MigrateOptions.defaults());
        if (!result.applied().isEmpty()) {
            throw new IllegalStateException("a no-op migrate applied " + result.applied().size() + " migrations");
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = ConnectionFactory.of(server).open(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
