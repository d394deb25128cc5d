package dev.schemata;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.Maintenance;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.RepairResult;
import dev.schemata.migrate.Rollback;
import dev.schemata.migrate.RollbackOptions;
import dev.schemata.migrate.RollbackResult;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.migration.MigrationLocation;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The library's entry point, for applications that migrate at start-up:
 * <pre>{@code
 * MigrateResult result = Schemata.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration")
 *         .load()
 *         .migrate();
 * }</pre>
 * Migrations are read from {@code classpath:db/migration} unless {@code locations} says otherwise: folders on the
 * class path (in classes directories, jars, and Spring Boot's nested jars) and directories on disk, with the
 * same layouts, checksums and down migrations either way.
 * {@link #rollback(int)} and {@link #rollbackTo(String)} undo migrations with their down migrations.
 * Nothing is printed and nothing exits the process: progress goes to the listener, failures are thrown
 * as {@link SchemataException} (with an {@link ErrorCode}), results are immutable records.
 */
public final class Schemata {
    private final Settings settings;

    private Schemata(Settings settings) {
        this.settings = settings;
    }

    public static Builder configure() {
        return new Builder();
    }

    /** The effective, immutable settings. */
    public record Settings(ConnectionFactory connections, List<MigrationLocation> locations, ClassLoader classLoader,
                           HistoryTable historyTable,
                           Map<String, String> placeholders, Duration lockTimeout, boolean outOfOrder, Version target,
                           Consumer<String> listener) {
        public Settings {
            Objects.requireNonNull(connections, "a dataSource or url is required");
            locations = List.copyOf(locations);
            Objects.requireNonNull(classLoader, "classLoader");
            placeholders = Map.copyOf(placeholders);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Applies pending migrations. */
    public MigrateResult migrate() {
        return new Migrator(settings.connections(), settings.historyTable(), settings.listener())
                .migrate(scan(), new MigrateOptions(settings.target(), false, settings.outOfOrder(), settings.lockTimeout(),
                        settings.placeholders()));
    }

    /** The SQL {@link #migrate()} would run, without running it. */
    public List<String> dryRun() {
        return new Migrator(settings.connections(), settings.historyTable(), settings.listener())
                .migrate(scan(), new MigrateOptions(settings.target(), true, settings.outOfOrder(), settings.lockTimeout(),
                        settings.placeholders()))
                .dryRunSql();
    }

    /** Undoes the last {@code steps} applied migrations with their down migrations, newest first. */
    public RollbackResult rollback(int steps) {
        return rollback(RollbackOptions.steps(steps));
    }

    /** Undoes every applied migration above {@code version} with its down migration, newest first. */
    public RollbackResult rollbackTo(String version) {
        return rollback(RollbackOptions.to(Version.parse(version)));
    }

    private RollbackResult rollback(RollbackOptions options) {
        return new Rollback(settings.connections(), settings.historyTable(), settings.listener())
                .rollback(scan(), options.withLockTimeout(settings.lockTimeout()).withPlaceholders(settings.placeholders()));
    }

    public StatusReport status() {
        return new Inspector(settings.connections(), settings.historyTable()).status(scan());
    }

    public ValidationResult validate() {
        return new Inspector(settings.connections(), settings.historyTable()).validate(scan(), List.of(), List.of());
    }

    public void baseline(String version) {
        maintenance().baseline(scan(), Version.parse(version), null);
    }

    public RepairResult repair() {
        return maintenance().repair(scan(), null);
    }

    private Maintenance maintenance() {
        return new Maintenance(settings.connections(), settings.historyTable(), settings.lockTimeout(), settings.listener());
    }

    private MigrationSet scan() {
        return MigrationSet.scan(settings.locations(), settings.classLoader());
    }

    /** Collects settings; {@link #load()} checks them and returns an immutable {@link Schemata}. */
    public static final class Builder {
        private ConnectionFactory connections;
        private List<MigrationLocation> locations = List.of(MigrationLocation.DEFAULT);
        private ClassLoader classLoader;
        private HistoryTable historyTable = HistoryTable.DEFAULT;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private Duration lockTimeout = MigrateOptions.DEFAULT_LOCK_TIMEOUT;
        private boolean outOfOrder;
        private Version target;
        private Consumer<String> listener = message -> { };

        private Builder() {
        }

        public Builder dataSource(DataSource dataSource) {
            this.connections = ConnectionFactory.of(dataSource);
            return this;
        }

        /** A {@code postgresql://} or {@code jdbc:postgresql://} URL; PG* variables and ~/.pgpass fill gaps. */
        public Builder url(String url) {
            this.connections = ConnectionFactory.of(new ConnectionResolver(Environment.current(), listener).fromUrl(url, "url"));
            return this;
        }

        /** Directories on disk to read migrations from, instead of {@code classpath:db/migration}. */
        public Builder locations(Path... directories) {
            this.locations = Arrays.stream(directories).<MigrationLocation>map(MigrationLocation.Directory::new).toList();
            return this;
        }

        /**
         * Where to read migrations from, instead of {@code classpath:db/migration}: {@code classpath:folder},
         * {@code filesystem:path}, or a plain path (a directory). Several locations are read as one set.
         */
        public Builder locations(String... locations) {
            this.locations = Arrays.stream(locations).map(MigrationLocation::parse).toList();
            return this;
        }

        /**
         * The class loader that finds {@code classpath:} locations; by default the thread's context class
         * loader when {@link #load()} is called, or else the one that loaded Schemata.
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader);
            return this;
        }

        /** {@code table} or {@code schema.table}. */
        public Builder historyTable(String table) {
            this.historyTable = HistoryTable.parse(table);
            return this;
        }

        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
            return this;
        }

        public Builder outOfOrder(boolean allow) {
            this.outOfOrder = allow;
            return this;
        }

        public Builder target(String version) {
            this.target = version == null ? null : Version.parse(version);
            return this;
        }

        /** Receives progress lines ("applied 001 initial schema (12 ms)"). */
        public Builder listener(Consumer<String> listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Schemata load() {
            if (connections == null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "no database: call dataSource(…) or url(…)");
            }
            if (lockTimeout == null || lockTimeout.isNegative()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "lockTimeout must be >= 0, got " + lockTimeout);
            }
            if (locations.isEmpty()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "locations(…) needs at least one location");
            }
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                    : Schemata.class.getClassLoader();
            return new Schemata(new Settings(connections, locations, loader, historyTable, placeholders, lockTimeout, outOfOrder,
                    target, listener));
        }
    }
}
