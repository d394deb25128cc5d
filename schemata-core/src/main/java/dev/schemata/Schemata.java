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
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.nio.file.Path;
import java.time.Duration;
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
 *         .locations(Path.of("db/migrations"))
 *         .load()
 *         .migrate();
 * }</pre>
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
    public record Settings(ConnectionFactory connections, Path locations, HistoryTable historyTable,
                           Map<String, String> placeholders, Duration lockTimeout, boolean outOfOrder, Version target,
                           Consumer<String> listener) {
        public Settings {
            Objects.requireNonNull(connections, "a dataSource or url is required");
            Objects.requireNonNull(locations, "locations");
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
        return MigrationSet.scan(settings.locations());
    }

    /** Collects settings; {@link #load()} checks them and returns an immutable {@link Schemata}. */
    public static final class Builder {
        private ConnectionFactory connections;
        private Path locations = Path.of("migrations");
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

        public Builder locations(Path directory) {
            this.locations = directory;
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
            return new Schemata(new Settings(connections, locations, historyTable, placeholders, lockTimeout, outOfOrder,
                    target, listener));
        }
    }
}
