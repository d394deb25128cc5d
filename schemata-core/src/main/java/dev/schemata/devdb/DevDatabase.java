package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.HostPort;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The project's dev database: a cluster under {@code .schemata/dev/} (or {@code SCHEMATA_DEV_DIR}) that
 * commands use when no database is configured. It is created and started on demand; a file lock keeps
 * concurrent commands from initialising or starting it twice.
 *
 * <p>Its data directory is {@code <root>/data}, unless the server runs as another user (Schemata runs as
 * root) who cannot reach that: then it is kept under the cache directory ({@link ServerUser#dataDirFor}),
 * and the notices and {@code dev status} say where.
 */
public final class DevDatabase {
    /** The database commands use inside the dev cluster. */
    public static final String DATABASE = "dev";

    private final Path root;
    private final BinaryLocator locator;
    private final BinarySpec spec;
    private final ServerUser user;
    private final String name;
    private final String stopHint;

    /**
     * @param root the directory holding the cluster ({@code <project>/.schemata/dev})
     */
    public DevDatabase(Path root, BinaryLocator locator, BinarySpec spec, ServerUser user) {
        this(root, locator, spec, user, "dev database", null);
    }

    private DevDatabase(Path root, BinaryLocator locator, BinarySpec spec, ServerUser user, String name, String stopHint) {
        this.root = root.toAbsolutePath().normalize();
        this.locator = locator;
        this.spec = spec;
        this.user = user;
        this.name = name;
        this.stopHint = stopHint;
    }

    /**
     * The same cluster, named in its start-up notices as its caller knows it ({@code "embedded database"} in a
     * build), with how that caller stops it appended (the command line's {@code schemata dev stop}), or nothing.
     */
    public DevDatabase describedAs(String name, String stopHint) {
        return new DevDatabase(root, locator, spec, user, name, stopHint);
    }

    /**
     * What {@code dev status} reports.
     *
     * @param dataDirectory where the cluster's data is: {@code <directory>/data}, or a place under the cache
     *                      directory when the server's user cannot reach the project
     */
    public record Status(Path directory, Path dataDirectory, boolean initialized, boolean running, Long pid, Integer port,
                         Integer major, String binaries, ConnectionSettings settings) {
    }

    public Path root() {
        return root;
    }

    /** Where the cluster's data is (or will be). */
    public Path dataDir() {
        return user.dataDirFor(root.resolve("data"), locator::cacheDir);
    }

    private boolean relocated() {
        return !dataDir().equals(root.resolve("data"));
    }

    public Status status() {
        Optional<Cluster.Running> running = Cluster.running(dataDir());
        Integer major = Cluster.dataMajor(dataDir()).orElse(null);
        String binaries = readBinDir().map(Path::toString).orElse(null);
        ConnectionSettings settings = running.map(r -> settings(r.port())).orElse(null);
        return new Status(root, dataDir(), major != null, running.isPresent(), running.map(Cluster.Running::pid).orElse(null),
                running.map(Cluster.Running::port).orElse(null), major, binaries, settings);
    }

    /** Settings of the running dev database, starting (and first creating) it when needed. */
    public ConnectionSettings ensureRunning(Consumer<String> notices) {
        Optional<Cluster.Running> running = Cluster.running(dataDir());
        if (running.isPresent() && !Cluster.needsPassword(dataDir())) {
            return settings(running.get().port());
        }
        try (ProjectLock ignored = lock()) {
            running = Cluster.running(dataDir());
            boolean upgrade = Cluster.needsPassword(dataDir());
            if (running.isPresent() && !upgrade) {
                return settings(running.get().port());
            }
            boolean fresh = !Files.isRegularFile(dataDir().resolve("PG_VERSION"));
            Cluster cluster = new Cluster(binaries(), dataDir(), user);
            if (upgrade) {
                // Made by an older version that trusted every local connection: restart it with a password.
                notices.accept("the " + name + " in " + dataDir() + " trusted every local user; giving it a password ("
                        + cluster.passwordFile() + ") and restarting it");
                cluster.stop();
            }
            if (fresh) {
                if (relocated()) {
                    user.openPath(locator.cacheDir(), dataDir());
                }
                cluster.init();
                writeBinDir(cluster.binaries().binDir());
            }
            Cluster.Running started = cluster.start(previousPort());
            ConnectionSettings settings = settings(started.port());
            if (fresh) {
                createDatabase(settings);
            }
            String where = relocated() ? root + ", data in " + dataDir() + " because user \"" + user.name()
                    + "\" that runs the server cannot reach " + root : root.toString();
            notices.accept((fresh ? "created and started" : "started") + " the " + name + " (PostgreSQL "
                    + cluster.binaries().version() + ", " + where + ") at " + settings.maskedUrl()
                    + (stopHint == null ? "" : "; " + stopHint));
            return settings;
        }
    }

    /** Stops the dev cluster; false when it was not running. */
    public boolean stop() {
        if (Cluster.running(dataDir()).isEmpty()) {
            return false;
        }
        try (ProjectLock ignored = lock()) {
            return new Cluster(binaries(), dataDir(), user).stop();
        }
    }

    /** Stops the cluster and deletes its directory. */
    public boolean destroy() {
        if (!Files.exists(root)) {
            return false;
        }
        stop();
        if (relocated()) {
            MavenBinaries.deleteTree(dataDir().getParent());
        }
        MavenBinaries.deleteTree(root);
        return true;
    }

    private ConnectionSettings settings(int port) {
        return new ConnectionSettings(List.of(new HostPort("127.0.0.1", port)), DATABASE, Cluster.SUPERUSER,
                Passwords.read(Cluster.passwordFile(dataDir())).orElse(null), Map.of(), "the dev database");
    }

    /**
     * The binaries to run the existing cluster with: those it was created with if still there, unless the
     * user asked for others; the major version must match the data directory's.
     */
    private PgBinaries binaries() {
        Optional<Integer> dataMajor = Cluster.dataMajor(dataDir());
        PgBinaries chosen;
        if (spec.isAutomatic() && dataMajor.isPresent()) {
            Optional<Path> recorded = readBinDir().filter(PgBinaries::looksComplete);
            chosen = recorded.isPresent() ? locator.locate(new BinarySpec(recorded.get(), null)) : locator.locateMajor(dataMajor.get());
        } else {
            chosen = locator.locate(spec);
        }
        if (dataMajor.isPresent() && dataMajor.get() != chosen.major()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the dev database in " + root + " was created by PostgreSQL "
                    + dataMajor.get() + " and cannot run on PostgreSQL " + chosen.major() + " (" + chosen.origin()
                    + "). Use --pg-version " + dataMajor.get() + ", or `schemata dev destroy` to start afresh.");
        }
        return chosen;
    }

    private int previousPort() {
        try {
            for (String line : Files.readAllLines(dataDir().resolve("schemata.conf"), StandardCharsets.UTF_8)) {
                if (line.startsWith("port = ")) {
                    return Integer.parseInt(line.substring("port = ".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no previous port: a free one is chosen
        }
        return 0;
    }

    private Optional<Path> readBinDir() {
        try {
            return Optional.of(Path.of(Files.readString(root.resolve("binaries")).strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void writeBinDir(Path binDir) {
        try {
            Files.writeString(root.resolve("binaries"), binDir + "\n");
            Cluster.ownerOnly(root.resolve("binaries"));
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write " + root.resolve("binaries"), e);
        }
    }

    private static void createDatabase(ConnectionSettings settings) {
        try (Connection c = Database.connect(settings.withDatabase("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create the dev database: " + e.getMessage(), e);
        }
    }

    /** Holds the lock file open; closing the channel releases the lock. */
    private record ProjectLock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock is released with the channel either way
            }
        }
    }

    private ProjectLock lock() {
        try {
            Files.createDirectories(root);
            Path project = root.getParent();
            if (project != null && project.getFileName() != null && project.getFileName().toString().equals(".schemata")) {
                Path ignore = project.resolve(".gitignore");
                if (!Files.exists(ignore)) {
                    // Keep the dev cluster out of the user's repository.
                    Files.writeString(ignore, "*\n");
                }
            }
            FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Cluster.ownerOnly(root.resolve("lock"));
            channel.lock();
            return new ProjectLock(channel);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot lock " + root + ": " + e.getMessage(), e);
        }
    }
}
