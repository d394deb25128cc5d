package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.HostPort;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One local PostgreSQL server and its data directory, tuned for throwaway use: it listens on 127.0.0.1
 * and on a socket in its data directory, and skips fsync (a crash of the machine may lose a dev database;
 * it never loses a user's real one, which is never run this way).
 *
 * <p>No connection is trusted: other users of the machine could otherwise connect as the superuser and run
 * OS commands as the server's user ({@code COPY … TO PROGRAM}). The superuser's password is random and kept
 * in {@link #passwordFile()}, readable by its owner only; the server is given its SCRAM verifier alone.
 * A cluster made by an older version with trusted connections gets a password on its next start.
 */
public final class Cluster {
    /** The superuser initdb creates; it logs in with the password of {@link #passwordFile()}. */
    public static final String SUPERUSER = "postgres";
    private static final String CONF_FILE = "schemata.conf";
    /** Unix sockets are limited to 107 bytes of path on Linux. */
    private static final int MAX_SOCKET_PATH = 100;

    private final PgBinaries binaries;
    private final Path dataDir;
    private final ServerUser user;

    public Cluster(PgBinaries binaries, Path dataDir, ServerUser user) {
        this.binaries = binaries;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.user = user;
    }

    /** A running server's facts, read from its {@code postmaster.pid}. */
    public record Running(long pid, int port) {
    }

    public PgBinaries binaries() {
        return binaries;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The superuser's password, beside the data directory (not in it: the server's user owns that). */
    public Path passwordFile() {
        return passwordFile(dataDir);
    }

    static Path passwordFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolveSibling("password");
    }

    public boolean isInitialized() {
        return Files.isRegularFile(dataDir.resolve("PG_VERSION"));
    }

    /** The major version the data directory was created by. */
    public Optional<Integer> dataMajor() {
        return dataMajor(dataDir);
    }

    static Optional<Integer> dataMajor(Path dataDir) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(dataDir.resolve("PG_VERSION")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Creates the data directory with initdb; fast because nothing is synced to disk. */
    public void init() {
        try {
            Files.createDirectories(dataDir.getParent());
            if (!Files.exists(dataDir)) {
                Files.createDirectory(dataDir);
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        user.checkReachable(dataDir);
        user.own(dataDir);
        List<String> command = List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(),
                "-U", SUPERUSER, "--auth=reject", "--encoding=UTF8", "--locale=C", "--no-sync");
        Processes.Result r = Processes.run(user.wrap(command), dataDir.getParent(), Duration.ofMinutes(2));
        if (!r.ok()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "initdb failed for " + dataDir + ":\n" + r.output().strip()
                    + hint(r.output()));
        }
        appendInclude();
        writeHba();
        setPassword();
    }

    /** Whether the cluster still lacks a password (made by an older version, which trusted local connections). */
    public boolean needsPassword() {
        return needsPassword(dataDir);
    }

    static boolean needsPassword(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve("PG_VERSION")) && Passwords.read(passwordFile(dataDir)).isEmpty();
    }

    /**
     * Gives the superuser a new random password, through a single-user backend (no connection is needed, so
     * this works whatever pg_hba.conf says); the server must be stopped.
     */
    private void setPassword() {
        String password = Passwords.generate();
        List<String> command = List.of(binaries.program("postgres").toString(), "--single", "-D", dataDir.toString(),
                "-c", "exit_on_error=true", "postgres");
        String sql = "ALTER ROLE " + SUPERUSER + " PASSWORD '" + Passwords.scramVerifier(password) + "'\n";
        Processes.Result r = Processes.run(user.wrap(command), dataDir, Duration.ofMinutes(1), sql);
        if (!r.ok()) {
            // The output repeats the statement; only the verifier is in it, but there is no need to show it.
            String why = r.output().lines().filter(l -> l.contains("FATAL") || l.contains("ERROR"))
                    .filter(l -> !l.contains("STATEMENT")).reduce((a, b) -> a + "\n" + b).orElse("exit code " + r.exitCode());
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot set the superuser password of " + dataDir + ": " + why);
        }
        Passwords.write(passwordFile(), password);
    }

    /** Starts the server on the given port (0: a free one) and waits until it accepts connections. */
    public Running start(int port) {
        Optional<Running> running = running();
        if (running.isPresent()) {
            return running.get();
        }
        if (needsPassword()) {
            setPassword();
        }
        // Rewritten before each start, so that a cluster made by an older version stops trusting anyone.
        writeHba();
        int chosen = port > 0 && isFree(port) ? port : freePort();
        writeConf(chosen);
        List<String> command = List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60", "-s", "start");
        Processes.Result r = Processes.run(user.wrap(command), dataDir, Duration.ofSeconds(90));
        if (!r.ok()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "PostgreSQL did not start from " + dataDir + ":\n"
                    + r.output().strip() + "\n" + tail(dataDir.resolve("server.log")) + hint(r.output()));
        }
        return running().orElseThrow(() -> new SchemataException(ErrorCode.OPERATION_FAILED,
                "PostgreSQL started from " + dataDir + " but wrote no postmaster.pid"));
    }

    /** Stops this cluster (and no other): fast shutdown, waiting until it is down. */
    public boolean stop() {
        if (running().isEmpty()) {
            return false;
        }
        List<String> command = List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                "-m", "fast", "-w", "-t", "60", "-s", "stop");
        Processes.Result r = Processes.run(user.wrap(command), dataDir, Duration.ofSeconds(90));
        if (!r.ok() && running().isPresent()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "could not stop PostgreSQL at " + dataDir + ": " + r.output().strip());
        }
        return true;
    }

    /** The running server of this data directory, if any; a stale pid file does not count. */
    public Optional<Running> running() {
        return running(dataDir);
    }

    static Optional<Running> running(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            if (!isAlive(pid)) {
                return Optional.empty();
            }
            return Optional.of(new Running(pid, port));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a process runs: it exists and is not a zombie (in a container whose first process does not
     * reap orphans, a stopped server can linger as one).
     */
    public static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Connection settings for a database of this running cluster. */
    public ConnectionSettings settings(String database, String source) {
        Running r = running().orElseThrow(() -> new SchemataException(ErrorCode.CONNECTION_FAILED,
                "the PostgreSQL server of " + dataDir + " is not running"));
        return new ConnectionSettings(List.of(new HostPort("127.0.0.1", r.port())), database, SUPERUSER,
                Passwords.read(passwordFile()).orElse(null), Map.of(), source);
    }

    private void appendInclude() {
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), "\ninclude_if_exists = '" + CONF_FILE + "'\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot configure " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Every role logs in with its password, on the socket as over TCP; nothing is trusted. */
    private void writeHba() {
        List<String> lines = List.of(
                "# Written by schemata before each start: every role logs in with its password (the superuser's is in",
                "# " + passwordFile() + ").",
                "local all all scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256");
        try {
            Path hba = dataDir.resolve("pg_hba.conf");
            Files.write(hba, lines, StandardCharsets.UTF_8);
            ownerOnly(hba);
            user.own(hba);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot configure " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void writeConf(int port) {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by schemata before each start.");
        lines.add("listen_addresses = '127.0.0.1'");
        lines.add("port = " + port);
        String socketPath = dataDir + "/.s.PGSQL." + port;
        lines.add("unix_socket_directories = '" + (socketPath.length() <= MAX_SOCKET_PATH ? dataDir.toString() : "") + "'");
        lines.add("fsync = off");
        lines.add("synchronous_commit = off");
        lines.add("full_page_writes = off");
        lines.add("max_connections = 200");
        lines.add("shared_buffers = 64MB");
        if (Files.exists(binaries.libDir().resolve("pg_stat_statements.so"))) {
            lines.add("shared_preload_libraries = 'pg_stat_statements'");
        }
        try {
            Path conf = dataDir.resolve(CONF_FILE);
            Files.write(conf, lines, StandardCharsets.UTF_8);
            ownerOnly(conf);
            user.own(conf);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot configure " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Like the files initdb writes, ours are for the owner alone (the umask would let others read them). */
    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions has nothing to narrow
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "no free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static boolean isFree(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String hint(String output) {
        if (output.contains("shared memory") || output.contains("shmget") || output.contains("could not create semaphores")) {
            return "\nHint: the machine limits shared memory or semaphores; raise kernel.shmmax / kernel.sem, or use "
                    + "dynamic_shared_memory_type = mmap.";
        }
        if (output.contains("Permission denied")) {
            return "\nHint: the server user cannot reach the data directory; see SCHEMATA_DEV_DIR.";
        }
        return "";
    }
}
