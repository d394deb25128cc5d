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
 *
 * <p>The SQL run on a throwaway database ({@code init.sql}, migrations) is code from the project, perhaps
 * from an untrusted pull request, and a superuser can run OS commands with SQL ({@code COPY … TO PROGRAM}).
 * So when the server's settings are a superuser's, each throwaway database is owned by a role made for this
 * object (no superuser, no CREATEDB/CREATEROLE, a random password), and its {@link ScratchDatabase#settings()}
 * log in as that role; trusted extensions still work, as the database's owner may create them. Only
 * {@code superuser = true}, the user's explicit choice, lets the SQL run as the superuser.
 *
 * <p>The administration (making and dropping databases and roles) goes through one connection, opened on first
 * need and closed by {@link #close()}: each new session costs the server a process and the client a SCRAM
 * exchange, several per command otherwise.
 */
public final class ScratchServer implements AutoCloseable {
    private final ConnectionSettings admin;
    private final int major;
    /** The cluster this object started, to stop on close; null when it found the server running. */
    private final Cluster started;
    private final AtomicInteger databases = new AtomicInteger();
    /** Unique to this object, so that two of them on one server (or two machines' processes) never share a name. */
    private final String names = "schemata_scratch_" + ProcessHandle.current().pid() + "_" + Passwords.hexToken() + "_";
    private final boolean superuser;
    /** The role owning the throwaway databases and its password; null until needed, or when SQL runs as admin. */
    private String owner;
    private String ownerPassword;
    private boolean ownerDecided;
    /** The administration session; null until needed, or after it broke (then the next use opens another). */
    private Connection session;
    private boolean sessionBusy;

    private ScratchServer(ConnectionSettings admin, int major, Cluster started, boolean superuser, Connection session) {
        this.admin = admin;
        this.major = major;
        this.started = started;
        this.superuser = superuser;
        this.session = session;
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
        return on(admin, false);
    }

    /** As {@link #on(ConnectionSettings)}; {@code superuser}: run the SQL as {@code admin} even when a superuser. */
    public static ScratchServer on(ConnectionSettings admin, boolean superuser) {
        Connection c = Database.connect(admin);
        try {
            return new ScratchServer(admin, c.getMetaData().getDatabaseMajorVersion(), null, superuser, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw Database.connectionFailure(admin, e);
        }
    }

    /**
     * A server of the given major version: the dev cluster if it exists with that version, else the scratch
     * cluster of the project (created on first use).
     *
     * @param projectDir the directory holding {@code .schemata/}
     * @param superuser  run the SQL as the cluster's superuser (the user's explicit choice)
     */
    public static ScratchServer forMajor(int major, DevDatabase dev, Path projectDir, BinaryLocator locator,
                                         ServerUser user, boolean superuser, Consumer<String> notices) {
        DevDatabase.Status status = dev.status();
        if (status.initialized() && status.major() != null && status.major() == major) {
            ConnectionSettings settings = dev.ensureRunning(notices);
            return new ScratchServer(settings.withDatabase("postgres"), major, null, superuser, null);
        }
        Path wanted = projectDir.resolve(".schemata").resolve("scratch-" + major).resolve("data");
        Path dataDir = user.dataDirFor(wanted, locator::cacheDir);
        keepOutOfGit(projectDir.resolve(".schemata"));
        Cluster cluster = new Cluster(locator.locateMajor(major), dataDir, user);
        if (!cluster.isInitialized()) {
            notices.accept("creating a scratch PostgreSQL " + major + " cluster in " + dataDir.getParent()
                    + (dataDir.equals(wanted.toAbsolutePath().normalize()) ? "" : " (user \"" + user.name()
                    + "\" that runs the server cannot reach " + wanted.getParent() + ")")
                    + " (once) to build the desired schema");
            if (!dataDir.equals(wanted.toAbsolutePath().normalize())) {
                user.openPath(locator.cacheDir(), dataDir);
            }
            cluster.init();
        }
        boolean wasRunning = cluster.running().isPresent();
        cluster.start(0);
        return new ScratchServer(cluster.settings("postgres", "the scratch server"), major, wasRunning ? null : cluster, superuser,
                null);
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

    /** The settings this server is administered with (any database of it): what {@link #on} takes. */
    public ConnectionSettings adminSettings() {
        return admin;
    }

    /** A new, empty database copied from {@code template0}. */
    public ScratchDatabase create() {
        return create("template0");
    }

    /**
     * A new database copied from {@code template} (a database of this server that nobody is connected to), with
     * the same owner as {@link #create()} gives; the objects inside keep the owners they had in the template.
     */
    public ScratchDatabase create(String template) {
        String name = names + databases.incrementAndGet();
        String role;
        try {
            role = administer(s -> {
                String owner = owner(s);
                s.execute("DROP DATABASE IF EXISTS " + name);
                // Without fsync a file copy is the quickest way; with it, WAL_LOG avoids two checkpoints.
                s.execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner)
                        + " TEMPLATE " + dev.schemata.diff.Identifiers.quote(template)
                        + ("template0".equals(template) ? " ENCODING 'UTF8'" : "")
                        + " STRATEGY " + (fsyncOff(s) ? "FILE_COPY" : "WAL_LOG"));
                return owner;
            });
        } catch (SQLException e) {
            String hint = "42501".equals(e.getSQLState())
                    ? "; the user needs the CREATEDB privilege (or use a server where it has it, such as the dev database)" : "";
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create a scratch database on "
                    + admin.maskedUrl() + ": " + e.getMessage() + hint, e);
        }
        ConnectionSettings settings = role == null ? admin.withDatabase(name)
                : new ConnectionSettings(admin.hosts(), name, role, ownerPassword, admin.parameters(), admin.source());
        return new ScratchDatabase(settings.withSource("scratch database " + name), this);
    }

    /**
     * The role the throwaway databases belong to: made on first use when {@code admin} is a superuser (and
     * the user did not choose to run as one); null when the SQL runs as {@code admin}, who then is no superuser
     * or was chosen.
     */
    private synchronized String owner(Statement s) throws SQLException {
        if (!ownerDecided) {
            boolean isSuperuser;
            try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
                isSuperuser = rs.next() && rs.getBoolean(1);
            }
            if (isSuperuser && !superuser) {
                String role = "schemata_scratch_" + ProcessHandle.current().pid() + "_" + Passwords.hexToken();
                String password = Passwords.generate();
                // One round of key derivation: the password is random (nothing to guess) and lives for this object
                // only, while each of the 4,096 usual rounds would be paid again at every login to a throwaway database.
                s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                        + " PASSWORD '" + Passwords.scramVerifier(password, 1) + "'");
                owner = role;
                ownerPassword = password;
            }
            ownerDecided = true;
        }
        return owner;
    }

    /**
     * A sentence to add to an error from SQL run on a throwaway database, when it failed for want of a
     * privilege that the superuser would have had; empty otherwise.
     */
    public String privilegeHint(Throwable error) {
        if (owner == null) {
            return "";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                return "\nThe SQL ran as " + owner + ", the role that owns the throwaway database, not as a superuser:"
                        + " init.sql and migrations are code, and a superuser can run OS commands with SQL. If it needs a"
                        + " superuser (an untrusted extension, a role) and you trust it, pass --scratch-superuser (or set"
                        + " SCHEMATA_SCRATCH_SUPERUSER=true).";
            }
        }
        return "";
    }

    /** Creates the roles that do not exist yet, without login, as the server's superuser (roles are server-wide). */
    public void createMissingRoles(java.util.Collection<String> names) throws SQLException {
        administer(s -> {
            java.util.Set<String> existing = new java.util.HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (String role : names) {
                if (!existing.contains(role)) {
                    s.execute("CREATE ROLE " + dev.schemata.diff.Identifiers.quote(role) + " NOLOGIN");
                }
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Administration<T> {
        T run(Statement s) throws SQLException;
    }

    /**
     * Runs {@code work} on the administration session, opening it when there is none; while another thread uses
     * it (databases made in parallel), on a session of its own. A session that broke while in use is let go, so
     * that the next call opens a new one; the work is not repeated.
     */
    private <T> T administer(Administration<T> work) throws SQLException {
        Connection c = null;
        synchronized (this) {
            if (!sessionBusy) {
                // One round trip: a session the server ended while it sat idle (idle_session_timeout, a restart) is replaced.
                if (session != null && !session.isValid(10)) {
                    closeQuietly(session);
                    session = null;
                }
                if (session == null) {
                    session = Database.connect(admin);
                }
                sessionBusy = true;
                c = session;
            }
        }
        boolean shared = c != null;
        if (!shared) {
            c = Database.connect(admin);
        }
        try (Statement s = c.createStatement()) {
            return work.run(s);
        } catch (SQLException e) {
            if (shared && (Database.isConnectionFailure(e) || c.isClosed())) {
                synchronized (this) {
                    closeQuietly(session);
                    session = null;
                }
            }
            throw e;
        } finally {
            if (shared) {
                synchronized (this) {
                    sessionBusy = false;
                }
            } else {
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing was left to do on it
        }
    }

    private static boolean fsyncOff(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW fsync")) {
            return rs.next() && "off".equals(rs.getString(1));
        }
    }

    private void drop(String database) {
        try {
            administer(s -> s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
        } catch (SQLException e) {
            // A leftover scratch database is harmless: nothing else uses its name.
        }
    }

    /** The cluster this server started, if any. */
    public Optional<Cluster> startedCluster() {
        return Optional.ofNullable(started);
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                administer(s -> s.execute("DROP ROLE IF EXISTS " + owner));
            } catch (SQLException e) {
                // A leftover role is of no use to anyone: only this process knew its password.
            }
        }
        synchronized (this) {
            if (session != null) {
                closeQuietly(session);
                session = null;
            }
        }
        if (started != null) {
            started.stop();
        }
    }
}
