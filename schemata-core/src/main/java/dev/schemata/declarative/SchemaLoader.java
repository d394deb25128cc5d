package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.TypeCasts;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.diff.Identifiers;
import dev.schemata.diff.Plan;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.Migrator;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Turns schema sources into models. A live database is read as it is; a schema file or a migrations
 * directory is applied to a throwaway database on a scratch server of the same PostgreSQL major version as
 * the database it will be compared with, and read back, so that both sides are printed by the same server.
 *
 * <p>The scratch server is started on first need and stopped by {@link #close()}. Roles are cluster-wide:
 * the roles of every live database read so far are created (without login) on the scratch server, so that
 * grants and policies in a schema file can name them.
 *
 * <p>{@link #loadBoth} builds one side on a second thread while it reads the other from a live database; once
 * that thread exists, throwaway databases are dropped on it while the caller goes on, and {@link #close()}
 * waits for those drops.
 */
public final class SchemaLoader implements AutoCloseable {
    private final IntFunction<ScratchServer> scratchForMajor;
    private final SchemaFilter filter;
    private final HistoryTable historyTable;
    private final Consumer<String> notices;
    private final Set<String> roles = new LinkedHashSet<>();
    /** The loader whose scratch server, roles and major version this one shares; null for the loader that owns them. */
    private final SchemaLoader owner;
    /** The tenant schema the throwaway databases are built in, or null for whole databases. */
    private final String tenantSchema;
    /** How migrations and the schema file connect to a throwaway database (a tenant's: with its search_path). */
    private final Function<ConnectionSettings, ConnectionFactory> connect;
    private final Map<String, String> placeholders;
    /** Owner only: per migrations directory and version, the throwaway database tenants' references are read from. */
    private final Map<String, TenantBuild> tenantBuilds = new HashMap<>();
    private ScratchServer scratch;
    private Integer major;
    /**
     * Owner only: the thread that builds beside a live read and drops throwaway databases; null until
     * {@link #loadBoth} needs it. Guarded by its own lock, not the loader's, which a fleet holds while it waits.
     */
    private volatile ExecutorService background;
    private final Object backgroundLock = new Object();

    /**
     * @param scratchForMajor starts (or finds) a scratch server of the given major version
     * @param major           the major version to build on when no live database says; null: ask the first live one
     */
    public SchemaLoader(IntFunction<ScratchServer> scratchForMajor, Integer major, SchemaFilter filter,
                        HistoryTable historyTable, Consumer<String> notices) {
        this(scratchForMajor, major, filter, historyTable, notices, null, null, ConnectionFactory::of, Map.of());
    }

    private SchemaLoader(IntFunction<ScratchServer> scratchForMajor, Integer major, SchemaFilter filter,
                         HistoryTable historyTable, Consumer<String> notices, SchemaLoader owner, String tenantSchema,
                         Function<ConnectionSettings, ConnectionFactory> connect, Map<String, String> placeholders) {
        this.scratchForMajor = scratchForMajor;
        this.major = major;
        this.filter = filter;
        this.historyTable = historyTable;
        this.notices = notices;
        this.owner = owner;
        this.tenantSchema = tenantSchema;
        this.connect = connect;
        this.placeholders = Map.copyOf(placeholders);
    }

    /**
     * A loader for one tenant schema of a fleet, sharing this one's scratch server: it reads only {@code schema}
     * (never {@code public} or another tenant's schema), keeps the history in that schema under the configured
     * name, and builds the migrations or the schema file there as fleet migrate builds a tenant: connected
     * through {@code connect} (which sets the tenant's search_path) with the tenant's {@code placeholders}.
     * Closing it leaves the shared scratch server running; closing this loader stops it.
     */
    public SchemaLoader forTenant(String schema, Function<ConnectionSettings, ConnectionFactory> connect,
                                  Map<String, String> placeholders) {
        return new SchemaLoader(scratchForMajor, null, SchemaFilter.only(schema), new HistoryTable(schema, historyTable.name()),
                notices, this, schema, connect, placeholders);
    }

    public HistoryTable historyTable() {
        return historyTable;
    }

    /** The schemas that are read and compared. */
    public SchemaFilter filter() {
        return filter;
    }

    public SchemaModel load(SchemaSource source) {
        if (source instanceof SchemaSource.Live live) {
            return readLive(live.connections());
        }
        if (source instanceof SchemaSource.File file) {
            return onScratchSettings(settings -> {
                try (Connection c = connect.apply(settings).open()) {
                    if (tenantSchema != null) {
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(tenantSchema));
                        }
                    }
                    file.file().applyTo(c);
                } catch (SQLException e) {
                    throw Database.connectionFailure(settings, e);
                }
            });
        }
        return fromMigrations((SchemaSource.Directory) source, null);
    }

    /** The two sides of a comparison, and how the server of the side being changed converts between types. */
    public record Sides(SchemaModel from, SchemaModel to, TypeCasts casts) {
    }

    /**
     * Both sides of a comparison, and the casts of the side being changed: {@code from} when it is a live
     * database or neither is, else {@code to}. When exactly one side is live, the other is built on a throwaway
     * database on a second thread while the live catalog and casts are read on one connection; the live
     * database is asked first for its major version and roles, which the build needs. A failure of the live
     * side is reported before one of the build, as when they ran one after the other.
     */
    public Sides loadBoth(SchemaSource from, SchemaSource to) {
        return loadBoth(from, to, () -> { });
    }

    /**
     * As {@link #loadBoth(SchemaSource, SchemaSource)}, and runs {@code meanwhile}, work that needs no server, on
     * this thread while the other side is built (after both sides are loaded when nothing is built beside). Its
     * failure is reported after one of either side, as if it had run after them.
     */
    public Sides loadBoth(SchemaSource from, SchemaSource to, Runnable meanwhile) {
        boolean fromLive = from instanceof SchemaSource.Live;
        if (fromLive == to instanceof SchemaSource.Live) {
            SchemaModel current = load(from);
            SchemaModel desired = load(to);
            TypeCasts casts = casts(from);
            meanwhile.run();
            return new Sides(current, desired, casts);
        }
        ConnectionFactory connections = ((SchemaSource.Live) (fromLive ? from : to)).connections();
        SchemaSource built = fromLive ? to : from;
        try (Connection c = connections.open()) {
            learn(c);
            Future<SchemaModel> building = background().submit(() -> load(built));
            SchemaModel live;
            TypeCasts casts;
            try {
                live = CatalogReader.read(c, filter);
                casts = TypeCasts.read(c);
            } catch (RuntimeException | SQLException e) {
                awaitQuietly(building);
                throw e;
            }
            RuntimeException failed = null;
            try {
                meanwhile.run();
            } catch (RuntimeException e) {
                failed = e;
            }
            SchemaModel other = await(building);
            if (failed != null) {
                throw failed;
            }
            return fromLive ? new Sides(live, other, casts) : new Sides(other, live, casts);
        } catch (SQLException e) {
            throw connections.failure(e);
        }
    }

    private ExecutorService background() {
        if (owner != null) {
            return owner.background();
        }
        synchronized (backgroundLock) {
            if (background == null) {
                background = Executors.newSingleThreadExecutor(work -> {
                    Thread thread = new Thread(work, "schemata-scratch");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return background;
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while building the schema", e);
        }
    }

    /** Waits for work whose outcome no longer matters, so that it has cleaned up before the caller reports its own failure. */
    private static void awaitQuietly(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException ignored) {
            // the caller's failure is the one to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The schema the migrations directory builds up to and including {@code target} (all when null). */
    public SchemaModel fromMigrations(SchemaSource.Directory dir, Version target) {
        return tenantSchema == null ? fromMigrations(dir, target, c -> { }) : shared().tenantReference(this, dir, target);
    }

    /**
     * As {@link #fromMigrations(SchemaSource.Directory, Version)}, and lets {@code alsoRead} read the throwaway
     * database (its rows, say) before it is dropped.
     */
    public SchemaModel fromMigrations(SchemaSource.Directory dir, Version target, Consumer<Connection> alsoRead) {
        MigrationSet set = MigrationSet.scan(dir.path());
        return onScratchSettings(settings -> {
            migrate(settings, set, target);
            try (Connection c = Database.connect(settings)) {
                alsoRead.accept(c);
            } catch (SQLException e) {
                throw Database.connectionFailure(settings, e);
            }
        });
    }

    private void migrate(ConnectionSettings settings, MigrationSet set, Version target) {
        new Migrator(connect.apply(settings), historyTable, line -> { })
                .migrate(set, new MigrateOptions(target, false, false, MigrateOptions.DEFAULT_LOCK_TIMEOUT, placeholders));
    }

    /** A throwaway database built by the migrations for one tenant, its schema now named {@code schema}. */
    private record TenantBuild(ScratchServer.ScratchDatabase database, String schema) {
    }

    /**
     * The schema {@code tenant}'s migrations build in its schema. When they name neither {@code ${tenant}} nor
     * {@code ${schema}}, every tenant's schema is the same but for its name: the migrations are built once, in
     * the first tenant's schema, and for each next tenant the schema is renamed (the server rewrites every
     * reference to it: defaults, views, foreign keys) and read again, instead of building it anew for each of
     * a thousand tenants. Otherwise, or when the rename is refused, it is built for the tenant alone.
     */
    private SchemaModel tenantReference(SchemaLoader tenant, SchemaSource.Directory dir, Version target) {
        MigrationSet set = MigrationSet.scan(dir.path());
        if (namesTenant(set)) {
            return tenant.fromMigrations(dir, target, c -> { });
        }
        String key = dir.path().toAbsolutePath() + "@" + (target == null ? "" : target.text());
        TenantBuild built = tenantBuilds.get(key);
        ScratchServer server = server();
        if (built == null) {
            ScratchServer.ScratchDatabase db = server.create();
            try {
                tenant.migrate(db.settings(), set, target);
            } catch (SchemataException e) {
                db.close();
                throw withHint(server, e);
            }
            built = new TenantBuild(db, tenant.tenantSchema);
            tenantBuilds.put(key, built);
        }
        try (Connection c = built.database().connect()) {
            if (!built.schema().equals(tenant.tenantSchema)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER SCHEMA " + Identifiers.quote(built.schema()) + " RENAME TO " + Identifiers.quote(tenant.tenantSchema));
                } catch (SQLException e) {
                    // The migrations made a schema of that name themselves: this tenant gets its own build.
                    return tenant.fromMigrations(dir, target, ignored -> { });
                }
                built = new TenantBuild(built.database(), tenant.tenantSchema);
                tenantBuilds.put(key, built);
            }
            return CatalogReader.read(c, tenant.filter);
        } catch (SQLException e) {
            throw Database.connectionFailure(built.database().settings(), e);
        }
    }

    /** Whether a migration of {@code set} uses {@code ${tenant}} or {@code ${schema}}: then tenants' schemas may differ by more than names. */
    private static boolean namesTenant(MigrationSet set) {
        for (Migration m : set.all()) {
            try (var in = m.file().open()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("${tenant}") || text.contains("${schema}")) {
                    return true;
                }
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + m.relativePath() + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    /** Builds {@code model} on a throwaway database with {@code plan} (a dump of it), runs {@code extra}, reads it back. */
    public SchemaModel replay(Plan dump, List<String> extra) {
        return onScratch(c -> {
            dev.schemata.declarative.PlanApplier.apply(c, dump, null);
            try (Statement s = c.createStatement()) {
                for (String sql : extra) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot rehearse the renames: " + e.getMessage(), e);
            }
        });
    }

    public SchemaModel readLive(ConnectionSettings settings) {
        return readLive(ConnectionFactory.of(settings));
    }

    public SchemaModel readLive(ConnectionFactory connections) {
        try (Connection c = connections.open()) {
            learn(c);
            return CatalogReader.read(c, filter);
        } catch (SQLException e) {
            throw connections.failure(e);
        }
    }

    /** What a live database says the throwaway databases need: its major version (the first one read fixes it) and its roles. */
    private void learn(Connection c) throws SQLException {
        int liveMajor = c.getMetaData().getDatabaseMajorVersion();
        SchemaLoader shared = shared();
        if (shared.major == null) {
            shared.major = liveMajor;
        }
        shared.roles.addAll(roles(c));
    }

    /** How the server of {@code source} converts between types: a live database's own casts, else a throwaway database's. */
    public TypeCasts casts(SchemaSource source) {
        if (source instanceof SchemaSource.Live live) {
            try (Connection c = live.connections().open()) {
                return TypeCasts.read(c);
            } catch (SQLException e) {
                throw live.connections().failure(e);
            }
        }
        ConnectionSettings settings = null;
        try {
            try (ScratchServer.ScratchDatabase db = server().create()) {
                settings = db.settings();
                try (Connection c = db.connect()) {
                    return TypeCasts.read(c);
                }
            }
        } catch (SQLException e) {
            throw Database.connectionFailure(settings, e);
        }
    }

    /** The major version the throwaway databases run, once known. */
    public Integer major() {
        return shared().major;
    }

    /**
     * The schema of a database to which no migration was applied, read as {@code like} was: a new database
     * for a whole database; nothing at all for a tenant schema (it does not exist yet).
     */
    SchemaModel nothingApplied(SchemaModel like) {
        return tenantSchema == null ? SchemaDump.freshDatabase(like) : onScratch(c -> { });
    }

    /** The loader that owns the scratch server, the roles and the major version: this one or the one it was made from. */
    private SchemaLoader shared() {
        return owner == null ? this : owner;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c);
    }

    @FunctionalInterface
    private interface SettingsWork {
        void run(ConnectionSettings settings);
    }

    private SchemaModel onScratch(Work work) {
        return onScratchSettings(settings -> {
            try (Connection c = Database.connect(settings)) {
                work.run(c);
            } catch (SQLException e) {
                throw Database.connectionFailure(settings, e);
            }
        });
    }

    private SchemaModel onScratchSettings(SettingsWork work) {
        ScratchServer server = server();
        ScratchServer.ScratchDatabase db = server.create();
        try {
            try {
                work.run(db.settings());
            } catch (SchemataException e) {
                throw withHint(server, e);
            }
            try (Connection c = db.connect()) {
                return CatalogReader.read(c, filter);
            } catch (SQLException e) {
                throw Database.connectionFailure(db.settings(), e);
            }
        } finally {
            drop(db);
        }
    }

    /** Drops a throwaway database: on the second thread once there is one (after the work it is doing), else now. */
    private void drop(ScratchServer.ScratchDatabase db) {
        ExecutorService thread = shared().background;
        if (thread == null) {
            db.close();
        } else {
            thread.execute(db::close);
        }
    }

    /** A failure on the scratch server, with what to do when it lacked a privilege. */
    private static SchemataException withHint(ScratchServer server, SchemataException e) {
        String hint = server.privilegeHint(e);
        return hint.isEmpty() ? e : new SchemataException(e.code(), e.getMessage() + hint, e);
    }

    private ScratchServer server() {
        if (owner != null) {
            return owner.server();
        }
        if (scratch == null) {
            if (major == null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "no database says which PostgreSQL version to build "
                        + "the schema with; name one, or use --pg-version");
            }
            scratch = scratchForMajor.apply(major);
            if (scratch.major() != major) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "the scratch server runs PostgreSQL " + scratch.major()
                        + " but the database runs " + major + "; their schema texts would not compare");
            }
        }
        createRoles(scratch);
        return scratch;
    }

    private void createRoles(ScratchServer server) {
        if (roles.isEmpty()) {
            return;
        }
        try {
            server.createMissingRoles(roles);
        } catch (SQLException e) {
            notices.accept("could not copy roles to the scratch server: " + e.getMessage());
        }
        roles.clear();
    }

    private static List<String> roles(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname !~ '^pg_' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Override
    public void close() {
        tenantBuilds.values().forEach(b -> b.database().close());
        tenantBuilds.clear();
        if (owner == null) {
            awaitBackground();
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    /** Lets the second thread finish what it was given (the drops of throwaway databases), then ends it. */
    private void awaitBackground() {
        ExecutorService thread;
        synchronized (backgroundLock) {
            thread = background;
            background = null;
        }
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            // However long a drop takes, no throwaway database is left behind.
            thread.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
