package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A PostgreSQL server on which throwaway databases are made, to build a schema from a file or a migrations
 * directory and read it back with the server's own deparsing. It must run the same major version as the
 * database the result is compared with, or the printed definitions would not be comparable.
 *
 * <p>{@link #forMajor} reuses the project's dev cluster when it already exists with that major version, and
 * otherwise runs a scratch cluster under {@code <project>/.schemata/scratch-<major>/} (created once,
 * started for the command and stopped by {@link #close()}). {@link #on} uses a server someone else runs.
 * Each throwaway database is copied from {@code template0} and dropped when closed.
 */
public final class ScratchServer implements AutoCloseable {
    private final ConnectionSettings admin;
    private final int major;
    /** The cluster this object started, to stop on close; null when it found the server running. */
    private final Cluster started;
    private final AtomicInteger databases = new AtomicInteger();

    private ScratchServer(ConnectionSettings admin, int major, Cluster started) {
        this.admin = admin;
        this.major = major;
        this.started = started;
    }

    /** A throwaway database; closing it drops it. */
    public record ScratchDatabase(ConnectionSettings settings, ScratchServer server) implements AutoCloseable {
        public String name() {
            return settings.database();
        }

        public Connection connect() {
            return Database.connect(settings);
        }

        @Override
        public void close() {
            server.drop(settings.database());
        }
    }

    /**
     * A running server reached with superuser settings (any database of it); nothing is started or stopped.
     */
    public static ScratchServer on(ConnectionSettings admin) {
        try (Connection c = Database.connect(admin)) {
            return new ScratchServer(admin, c.getMetaData().getDatabaseMajorVersion(), null);
        } catch (SQLException e) {
            throw Database.connectionFailure(admin, e);
        }
    }

    /**
     * A server of the given major version: the dev cluster if it exists with that version, else the scratch
     * cluster of the project (created on first use).
     *
     * @param projectDir the directory holding {@code .schemata/}
     */
    public static ScratchServer forMajor(int major, DevDatabase dev, Path projectDir, BinaryLocator locator,
                                         ServerUser user, Consumer<String> notices) {
        DevDatabase.Status status = dev.status();
        if (status.initialized() && status.major() != null && status.major() == major) {
            ConnectionSettings settings = dev.ensureRunning(notices);
            return new ScratchServer(settings.withDatabase("postgres"), major, null);
        }
        Path dataDir = projectDir.resolve(".schemata").resolve("scratch-" + major).resolve("data");
        keepOutOfGit(projectDir.resolve(".schemata"));
        Cluster cluster = new Cluster(locator.locateMajor(major), dataDir, user);
        if (!cluster.isInitialized()) {
            notices.accept("creating a scratch PostgreSQL " + major + " cluster in " + dataDir.getParent()
                    + " (once) to build the desired schema");
            cluster.init();
        }
        boolean wasRunning = cluster.running().isPresent();
        cluster.start(0);
        return new ScratchServer(cluster.settings("postgres", "the scratch server"), major, wasRunning ? null : cluster);
    }

    /** Keeps the scratch cluster out of the user's repository, as the dev database does. */
    private static void keepOutOfGit(Path dotSchemata) {
        try {
            java.nio.file.Files.createDirectories(dotSchemata);
            Path ignore = dotSchemata.resolve(".gitignore");
            if (!java.nio.file.Files.exists(ignore)) {
                java.nio.file.Files.writeString(ignore, "*\n");
            }
        } catch (java.io.IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create " + dotSchemata + ": " + e.getMessage(), e);
        }
    }

    public int major() {
        return major;
    }

    /** A new, empty database copied from {@code template0}. */
    public ScratchDatabase create() {
        String name = "schemata_scratch_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = Database.connect(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            // Without fsync a file copy is the quickest way; with it, WAL_LOG avoids two checkpoints.
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' STRATEGY "
                    + (fsyncOff(s) ? "FILE_COPY" : "WAL_LOG"));
        } catch (SQLException e) {
            String hint = "42501".equals(e.getSQLState())
                    ? "; the user needs the CREATEDB privilege (or use a server where it has it, such as the dev database)" : "";
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create a scratch database on "
                    + admin.maskedUrl() + ": " + e.getMessage() + hint, e);
        }
        return new ScratchDatabase(admin.withDatabase(name).withSource("scratch database " + name), this);
    }

    private static boolean fsyncOff(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW fsync")) {
            return rs.next() && "off".equals(rs.getString(1));
        }
    }

    private void drop(String database) {
        try (Connection c = Database.connect(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            // A leftover scratch database is harmless; the next run of this process id drops it.
        }
    }

    /** The cluster this server started, if any. */
    public Optional<Cluster> startedCluster() {
        return Optional.ofNullable(started);
    }

    @Override
    public void close() {
        if (started != null) {
            started.stop();
        }
    }
}
