package dev.schemata.junit;

import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.devdb.ScratchServer.ScratchDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server's templates and copies. A template is named by a hash of its settings and of its migrations
 * ({@link TemplateKey}), so a changed migration makes a new one, and runs with other migrations on the same
 * server never use each other's. It is migrated under a temporary name and renamed when complete, so a
 * template that exists under its final name is complete, whichever process built it; connections to it are
 * then disallowed, since a database can only be copied while nobody is connected to it.
 *
 * <p>On the throwaway server, the migrations and the tests run as a role made for the run (no superuser, as an
 * application would connect), which owns the template and its copies. On a given server they run as the
 * given user, who needs the CREATEDB privilege.
 */
final class TemplateServer implements AutoCloseable {
    private final ConnectionSettings admin;
    private final ScratchServer scratch;
    private final EmbeddedServer embedded;
    /** Template name to null once it is known to exist, or to the failure that building it met. */
    private final Map<String, Object> templates = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicInteger built = new AtomicInteger();
    /** Copies handed out by {@link MigratedDatabases}, dropped when this closes. */
    private final List<ScratchDatabase> forRun = new ArrayList<>();

    private TemplateServer(ConnectionSettings admin, ScratchServer scratch, EmbeddedServer embedded) {
        this.admin = admin;
        this.scratch = scratch;
        this.embedded = embedded;
    }

    static TemplateServer embedded() {
        EmbeddedServer server = EmbeddedServer.start();
        try {
            return new TemplateServer(server.admin(), ScratchServer.on(server.admin(), false), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static TemplateServer given(ConnectionSettings settings) {
        // The user named this server and user: the SQL runs as that user, and no role is made on it.
        return new TemplateServer(settings, ScratchServer.on(settings, true), null);
    }

    /** The server's administrator settings: its superuser's, or the given user's. */
    ConnectionSettings admin() {
        return admin;
    }

    /** How many templates this JVM has migrated on this server. */
    int templatesBuilt() {
        return built.get();
    }

    /**
     * A fresh copy of {@code template} (which {@link #template} returned for these settings), dropped when the
     * returned database is closed.
     */
    ScratchDatabase copy(String template, MigratedDatabases.Settings settings) {
        try {
            return scratch.create(template);
        } catch (SchemataException e) {
            if (!missing(e)) {
                throw e;
            }
            // Another run on this server dropped the template (its migrations changed): make it again.
            templates.remove(template);
            return scratch.create(template(settings));
        }
    }

    /** A fresh copy that lives until the JVM ends; the migrations are read again, to see a changed one. */
    MigratedDatabase copyForRun(MigratedDatabases.Settings settings) {
        ScratchDatabase copy = copy(template(settings), settings);
        synchronized (forRun) {
            forRun.add(copy);
        }
        return MigratedDatabase.of(copy.settings());
    }

    /** The name of a complete template for these settings, migrating one first if needed. */
    String template(MigratedDatabases.Settings settings) {
        TemplateKey key = TemplateKey.of(settings, embedded != null ? "role of the run" : admin.user());
        String name = key.databaseName();
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            if (templates.containsKey(name)) {
                Object known = templates.get(name);
                if (known instanceof RuntimeException failure) {
                    // Every test gets the same message, without migrating again.
                    throw failure;
                }
                return name;
            }
            try {
                if (!exists(name)) {
                    build(settings, key);
                }
                templates.put(name, name);
                return name;
            } catch (RuntimeException e) {
                templates.put(name, e);
                throw e;
            }
        }
    }

    private void build(MigratedDatabases.Settings settings, TemplateKey key) {
        ScratchDatabase building = scratch.create();
        try {
            Schemata.Builder schemata = Schemata.configure()
                    .dataSource(MigratedDatabase.of(building.settings()).dataSource())
                    .locations(settings.locations().toArray(String[]::new))
                    .classLoader(settings.classLoader());
            if (settings.historyTable() != null) {
                schemata.historyTable(settings.historyTable());
            }
            settings.placeholders().forEach(schemata::placeholder);
            schemata.load().migrate();
        } catch (RuntimeException e) {
            building.close();
            throw new SchemataException(e instanceof SchemataException s ? s.code() : ErrorCode.MIGRATION_FAILED,
                    "the test database could not be migrated from " + String.join(", ", settings.locations()) + ":\n"
                            + e.getMessage() + privilegeHint(e), e);
        }
        built.incrementAndGet();
        try (Connection c = Database.connect(admin); Statement s = c.createStatement()) {
            try {
                s.execute("ALTER DATABASE " + building.name() + " RENAME TO " + key.databaseName());
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
                // Another process on this server built the same template meanwhile; it is complete, use it.
                building.close();
                return;
            }
            s.execute("ALTER DATABASE " + key.databaseName() + " WITH ALLOW_CONNECTIONS false");
            dropOlder(s, key);
        } catch (SQLException e) {
            building.close();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot keep the migrated template " + key.databaseName()
                    + " on " + admin.maskedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Templates of the same settings made from older migrations are of no more use; a copy in progress keeps one. */
    private static void dropOlder(Statement s, TemplateKey key) throws SQLException {
        List<String> older = new ArrayList<>();
        try (PreparedStatement ps = s.getConnection().prepareStatement(
                "SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, ?) AND datname <> ?")) {
            ps.setString(1, key.settingsPrefix());
            ps.setString(2, key.databaseName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    older.add(rs.getString(1));
                }
            }
        }
        for (String name : older) {
            try {
                s.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException inUse) {
                // Being copied right now by another run; the next new template drops it.
            }
        }
    }

    private boolean exists(String name) {
        try (Connection c = Database.connect(admin);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Database.connectionFailure(admin, e);
        }
    }

    private static boolean missing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "3D000".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private String privilegeHint(Throwable e) {
        if (embedded == null) {
            return "";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                return "\nThe migrations ran as a role that owns the test database but is not a superuser, as an"
                        + " application connects. Give the server of your choice with schemata.test.url when they"
                        + " need a superuser.";
            }
        }
        return "";
    }

    @Override
    public void close() {
        synchronized (forRun) {
            forRun.forEach(ScratchDatabase::close);
            forRun.clear();
        }
        try {
            scratch.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
