package dev.schemata;

import dev.schemata.SchemataEvent.Operation;
import dev.schemata.backup.BackupContent;
import dev.schemata.backup.BackupFormat;
import dev.schemata.backup.BackupRequest;
import dev.schemata.backup.Backups;
import dev.schemata.backup.ClientLocator;
import dev.schemata.backup.Restorer;
import dev.schemata.backup.TakenBackup;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.declarative.DeclarativeApply;
import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.Drift;
import dev.schemata.declarative.MigrationGenerator;
import dev.schemata.declarative.SchemaDump;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.devdb.BinaryLocator;
import dev.schemata.devdb.BinarySpec;
import dev.schemata.devdb.DevDatabase;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.devdb.ServerUser;
import dev.schemata.diff.HazardKind;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.Step;
import dev.schemata.history.HistoryTable;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.lint.PendingLint;
import dev.schemata.migrate.Inspector;
import dev.schemata.models.ModelCheck;
import dev.schemata.models.ModelsSource;
import dev.schemata.migrate.Maintenance;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.RepairResult;
import dev.schemata.migrate.Rollback;
import dev.schemata.migrate.RollbackOptions;
import dev.schemata.migrate.RollbackResult;
import dev.schemata.migrate.RollbackVerification;
import dev.schemata.migrate.RollbackVerifier;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.migrate.VerifyRollbackOptions;
import dev.schemata.migration.MigrationLocation;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The library's entry point: everything the CLI does, for applications, build plugins and tests.
 * <pre>{@code
 * MigrateResult result = Schemata.configure()
 *         .dataSource(dataSource)                 // or .url("postgresql://app@db/orders")
 *         .locations("classpath:db/migration")    // the default
 *         .lint(LintMode.ERROR)                   // error-level findings stop the run before any change
 *         .eventListener(event -> {
 *             if (event instanceof SchemataEvent.Progress progress) {
 *                 log.accept(progress.message());
 *             }
 *         })
 *         .load()
 *         .migrate();
 * }</pre>
 * <ul>
 *   <li>Versioned migrations: {@link #migrate()}, {@link #dryRun()}, {@link #status()}, {@link #validate()},
 *       {@link #baseline(String)}, {@link #repair()}, {@link #acceptChecksum(String)}, {@link #rollback(int)},
 *       {@link #rollbackTo(String)}, {@link #verifyRollback()}.</li>
 *   <li>The declarative workflow, with {@link Builder#schemaFile(Path)} as the desired state: {@link #plan()},
 *       {@link #apply(HazardKind...)}, {@link #drift()}, {@link #generate(String)}, {@link #dump()}.</li>
 *   <li>{@link #lint()}, with or without a database; {@link #backup(Path)} and {@link #restore(Path)}.</li>
 * </ul>
 * Migrations are read from {@code classpath:db/migration} unless {@code locations} says otherwise: folders on the
 * class path (in classes directories, jars, and Spring Boot's nested jars) and directories on disk, with the
 * same layouts, checksums and down migrations either way.
 *
 * <p>Where the database is: a {@link Builder#dataSource DataSource} or a {@link Builder#url URL}, one of them.
 * Every operation works with either, except {@link #backup}, {@link #restore} and {@link Builder#backupBefore},
 * which run pg_dump, pg_restore and psql and so need the URL. Operations that build schemas on throwaway
 * databases ({@link #plan()}, {@link #apply}, {@link #drift()}, {@link #generate}, {@link #verifyRollback()})
 * use {@link Builder#scratchUrl} when given (a superuser URL of a server of the target's major version), else a
 * PostgreSQL cluster Schemata starts under {@link Builder#workDirectory}{@code /.schemata/}.
 *
 * <p>Nothing is printed and nothing exits the process: progress goes to the listeners, failures are thrown
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

    /**
     * The effective, immutable settings (see the {@link Builder} methods of the same names).
     *
     * @param connections        the target database; null when none was configured (only {@link #lint()} works then)
     * @param connectionSettings the target's connection settings when it was given as a URL, else null
     * @param scratch            the server of the throwaway databases, or null for the one Schemata starts
     * @param events             receives every {@link SchemataEvent}, the string listener's lines included
     */
    public record Settings(ConnectionFactory connections, ConnectionSettings connectionSettings,
                           List<MigrationLocation> locations, ClassLoader classLoader, HistoryTable historyTable,
                           Map<String, String> placeholders, Duration lockTimeout, boolean outOfOrder, Version target,
                           LintMode lintMode, LintOptions lintOptions, boolean validateOnMigrate, Path backupBefore,
                           Path schemaFile, SchemaFilter schemas, PlanOptions planOptions, boolean allowUnsupported,
                           ConnectionSettings scratch, boolean scratchSuperuser, boolean allowClusterChanges,
                           Path workDirectory, Path pgBin, String pgVersion, Path pgDump, Consumer<SchemataEvent> events) {
        public Settings {
            locations = List.copyOf(locations);
            Objects.requireNonNull(classLoader, "classLoader");
            Objects.requireNonNull(historyTable, "historyTable");
            placeholders = Map.copyOf(placeholders);
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            Objects.requireNonNull(lintMode, "lintMode");
            Objects.requireNonNull(lintOptions, "lintOptions");
            Objects.requireNonNull(schemaFile, "schemaFile");
            Objects.requireNonNull(schemas, "schemas");
            Objects.requireNonNull(planOptions, "planOptions");
            Objects.requireNonNull(workDirectory, "workDirectory");
            Objects.requireNonNull(events, "events");
        }
    }

    public Settings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- versioned migrations

    /**
     * Applies pending migrations, each in its own transaction with its history row. First, when so configured,
     * validates the applied ones ({@link Builder#validateOnMigrate}), lints the pending ones ({@link Builder#lint})
     * and takes a verified backup ({@link Builder#backupBefore}), under the migration lock, before any change.
     */
    public MigrateResult migrate() {
        return run(Operation.MIGRATE, progress -> {
            ConnectionFactory db = database();
            MigrationSet set = scan();
            if (settings.validateOnMigrate()) {
                validateBeforeMigrate(db, set);
            }
            MigrateOptions options = migrateOptions(false).withHooks(new LibraryRunHooks(settings, progress));
            return new Migrator(db, settings.historyTable(), progress).migrate(set, options);
        });
    }

    /** What {@link #migrate()} would run, without running it: {@link MigrateResult#dryRunSql()}, history writes included. */
    public MigrateResult dryRun() {
        return run(Operation.DRY_RUN, progress -> new Migrator(database(), settings.historyTable(), progress)
                .migrate(scan(), migrateOptions(true)));
    }

    /** Every migration with its state, and the current version. */
    public StatusReport status() {
        return run(Operation.STATUS, progress -> new Inspector(database(), settings.historyTable()).status(scan()));
    }

    /** Changed, missing, failed or out-of-order migrations; {@link ValidationResult#valid()} when there are none. */
    public ValidationResult validate() {
        return validate(List.of(), List.of());
    }

    /** As {@link #validate()}, and also reports each of these tables and indexes ({@code [schema.]name}) that does not exist. */
    public ValidationResult validate(List<String> requiredTables, List<String> requiredIndexes) {
        return run(Operation.VALIDATE, progress -> new Inspector(database(), settings.historyTable())
                .validate(scan(), requiredTables, requiredIndexes));
    }

    /**
     * Adopts an existing database: versions up to {@code version} count as applied without running. Refused
     * ({@code MIGRATION_FAILED}) when the history already records migrations.
     */
    public BaselineResult baseline(String version) {
        Version v = version(version);
        return run(Operation.BASELINE, progress -> {
            MigrationSet set = scan();
            maintenance(progress).baseline(set, v, null);
            StatusReport status = new Inspector(database(), settings.historyTable()).status(set);
            return new BaselineResult(v.text(), settings.historyTable().toString(),
                    status.inState(MigrationState.PENDING).stream().map(MigrationStatus::version).toList());
        });
    }

    /** Removes failed history rows and drops indexes left INVALID by Schemata's own failed concurrent builds. */
    public RepairResult repair() {
        return run(Operation.REPAIR, progress -> maintenance(progress).repair(scan(), null));
    }

    /** As {@link #repair()}, and re-records the checksum of {@code version} after an intentional edit of its file. */
    public RepairResult acceptChecksum(String version) {
        Version v = version(version);
        return run(Operation.REPAIR, progress -> maintenance(progress).repair(scan(), v));
    }

    /** Undoes the last {@code steps} applied migrations with their down migrations, newest first. */
    public RollbackResult rollback(int steps) {
        if (steps < 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "rollback steps must be at least 1, got " + steps);
        }
        return rollback(RollbackOptions.steps(steps));
    }

    /** Undoes every applied migration above {@code version} with its down migration, newest first. */
    public RollbackResult rollbackTo(String version) {
        return rollback(RollbackOptions.to(version(version)));
    }

    private RollbackResult rollback(RollbackOptions options) {
        return run(Operation.ROLLBACK, progress -> new Rollback(database(), settings.historyTable(), progress)
                .rollback(scan(), options.withLockTimeout(settings.lockTimeout()).withPlaceholders(settings.placeholders())));
    }

    /**
     * Proves on a throwaway database that each down migration (up to {@link Builder#target}) undoes its up:
     * up, down and up again, comparing the schema after each step. The target database is not touched (with a
     * configured database, only its PostgreSQL version is read, to build on the same one).
     * {@link RollbackVerification#passed()} is false when a down is missing, fails or leaves a difference.
     */
    public RollbackVerification verifyRollback() {
        return run(Operation.VERIFY_ROLLBACK, progress -> {
            MigrationSet set = scan();
            try (ScratchServer server = scratchServer(scratchMajor(), progress)) {
                VerifyRollbackOptions options = new VerifyRollbackOptions(null, settings.target(), settings.placeholders(),
                        settings.scratch() == null || settings.allowClusterChanges(), settings.scratchSuperuser());
                return new RollbackVerifier(progress).verify(server.adminSettings(), set, options);
            }
        });
    }

    // ---------------------------------------------------------------- declarative

    /** The steps that would make the database match the {@link Builder#schemaFile schema file}, with their hazards. */
    public PlanResult plan() {
        return run(Operation.PLAN, progress -> {
            try (SchemaLoader loader = loader(null, progress)) {
                return new PlanResult(database().describe(), desired().describe(), planFor(loader));
            }
        });
    }

    /**
     * Makes the database match the schema file, under the migration lock, and records it in the history table.
     * Steps with hazards run only when each of their kinds is in {@code allowedHazards}; otherwise nothing runs
     * and it throws {@code VALIDATION_FAILED} naming the steps and the kinds to allow. With
     * {@link Builder#backupBefore} a verified backup is taken first.
     */
    public ApplyResult apply(HazardKind... allowedHazards) {
        Set<HazardKind> allowed = allowedHazards.length == 0 ? EnumSet.noneOf(HazardKind.class)
                : EnumSet.copyOf(Arrays.asList(allowedHazards));
        return run(Operation.APPLY, progress -> {
            ConnectionFactory db = database();
            SchemaSource desired = desired();
            try (SchemaLoader loader = loader(null, progress)) {
                Plan plan = planFor(loader);
                requireNothingSkipped(plan.skipped(), "apply cannot create or compare");
                refuseHazards(plan, allowed);
                String recordedAs = desired.describe();
                DeclarativeApply.Result result = DeclarativeApply.apply(db, plan, settings.historyTable(), recordedAs,
                        settings.lockTimeout(), () -> settings.backupBefore() == null ? null
                                : backups(progress).beforeChange(settings.connectionSettings(), backupRequest(settings.backupBefore()),
                                "no backup, no apply", "Nothing was applied."), progress);
                return new ApplyResult(db.describe(), recordedAs, plan, result.steps(), Duration.ofMillis(result.elapsedMs()),
                        result.backup());
            }
        });
    }

    /**
     * Does everything still agree? Compares the database (when one is configured) with what its history says
     * built it, and the migrations directory (the first directory of {@link Builder#locations}) with the schema
     * file (when both exist). {@link Drift.Report#clean()} is false on any difference; what could not be compared
     * is listed in {@link Drift.Report#notCompared()}.
     */
    public Drift.Report drift() {
        return run(Operation.DRIFT, progress -> {
            SchemaSource.Directory directory = migrationsDirectory().filter(Files::isDirectory)
                    .map(SchemaSource.Directory::new).orElse(null);
            Path file = settings.schemaFile();
            SchemaFile schemaFile = Files.isRegularFile(file) ? SchemaFile.of(file) : null;
            if (directory == null && schemaFile == null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "nothing to compare: there is no migrations directory"
                        + " among the locations and no schema file " + file);
            }
            ConnectionFactory db = settings.connections();
            try (SchemaLoader loader = loader(db != null ? null : scratchMajor(), progress)) {
                return Drift.check(loader, directory, schemaFile, db, settings.planOptions());
            }
        });
    }

    /**
     * Do the application's models get the schema they expect? Compares what {@code models} expect (their DDL, or
     * what a JPA provider writes for the entities) with {@code reference}: the configured database when null,
     * else a schema file or a migrations directory built on a throwaway database. Every difference is in the
     * report; {@link ModelCheck.Report#passed()} is false when one of them makes the application fail.
     *
     * @param ignore tables and columns whose differences are left out ({@code users.legacy_flag}, {@code audit_log})
     */
    public ModelCheck.Report checkModels(ModelsSource models, SchemaSource reference, List<String> ignore) {
        return run(Operation.CHECK_MODELS, progress -> {
            SchemaSource against = reference != null ? reference : new SchemaSource.Live(database());
            try (SchemaLoader loader = loader(against instanceof SchemaSource.Live ? null : scratchMajor(), progress)) {
                return ModelCheck.check(loader, models, against, ignore, Path.of(System.getProperty("java.io.tmpdir")));
            }
        });
    }

    /**
     * Writes the next versioned migration, named {@code name}, into the migrations directory (the first directory
     * of {@link Builder#locations}): what takes the schema the directory builds to the schema file.
     * {@link MigrationGenerator.Result#written()} is empty when they already match.
     */
    public MigrationGenerator.Result generate(String name) {
        return run(Operation.GENERATE, progress -> {
            Path dir = migrationsDirectory().orElseThrow(() -> new SchemataException(ErrorCode.BAD_CONFIG,
                    "generate writes the new migration into a directory: give one in locations(…)"));
            try (SchemaLoader loader = loader(scratchMajor(), progress)) {
                return MigrationGenerator.generate(loader, dir, schemaFile(), name, Clock.systemUTC(), settings.planOptions(),
                        plan -> requireNothingSkipped(plan.skipped(), "generate cannot write"));
            }
        });
    }

    /** The database's schema as canonical SQL that rebuilds it (a schema file); data and the history table left out. */
    public DumpResult dump() {
        return run(Operation.DUMP, progress -> {
            ConnectionFactory db = database();
            try (SchemaLoader loader = loader(null, progress)) {
                HistoryTable table = settings.historyTable();
                Plan plan = SchemaDump.plan(loader.readLive(db),
                        settings.planOptions().ignoring(new QualifiedName(table.schema(), table.name())));
                requireNothingSkipped(plan.skipped(), "dump cannot write");
                return new DumpResult(db.describe(), SchemaDump.script(plan, "Schema of " + db.describe() + "."), plan.skipped());
            }
        });
    }

    // ---------------------------------------------------------------- lint, backup, restore

    /**
     * Lints migrations for statements that lock or rewrite busy tables, lose data or break the running application.
     * With a database: the pending migrations, knowing each table's size; without one: all of them, statically,
     * each as if the ones before it were applied. {@link LintReport#usedDatabase()} says which.
     */
    public LintReport lint() {
        return run(Operation.LINT, progress -> {
            MigrationSet set = scan();
            ConnectionFactory db = settings.connections();
            if (db == null) {
                List<LintSource> sources = PendingLint.all(set, file -> file.location());
                return Linter.lint(sources, Optional.empty(), settings.lintOptions().withEarlierFilesApplied(true));
            }
            StatusReport status = new Inspector(db, settings.historyTable()).status(set);
            List<LintSource> sources = PendingLint.pending(set, status, file -> file.location());
            try (Connection c = db.open()) {
                return Linter.lint(sources, Optional.of(c), settings.lintOptions());
            } catch (SQLException e) {
                throw db.failure(e);
            }
        });
    }

    /**
     * Backs the database up with pg_dump into {@code dir} (created owner-only), with a JSON manifest beside it,
     * and verifies it by restoring it into a throwaway database. Needs the database as a {@link Builder#url URL}.
     */
    public TakenBackup backup(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return run(Operation.BACKUP, progress -> {
            ConnectionSettings source = clientSettings("backup");
            Backups backups = backups(progress);
            TakenBackup taken = backups.take(source, backupRequest(dir));
            return new TakenBackup(taken.file(), backups.verify(source, taken), taken.source());
        });
    }

    /**
     * Replaces the database with a backup: restored into a new database first, checked against its manifest, then
     * put in place of the target (which is left as it was if anything fails). Needs the database as a
     * {@link Builder#url URL}.
     */
    public Restorer.Result restore(Path file) {
        return restore(file, new Restorer.Options(false, false, false));
    }

    /** As {@link #restore(Path)}, with pg_restore's options. */
    public Restorer.Result restore(Path file, Restorer.Options options) {
        Objects.requireNonNull(file, "file");
        return run(Operation.RESTORE, progress -> new Restorer(clientLocator(), progress)
                .restore(file, clientSettings("restore"), options, settings.historyTable()));
    }

    // ---------------------------------------------------------------- helpers

    /** Runs one operation, telling the listeners that it started, and how it ended. */
    private <T> T run(Operation operation, Function<Consumer<String>, T> work) {
        Consumer<SchemataEvent> events = settings.events();
        Consumer<String> progress = message -> events.accept(new SchemataEvent.Progress(operation, message));
        events.accept(new SchemataEvent.Started(operation));
        long started = System.nanoTime();
        try {
            T result = work.apply(progress);
            events.accept(new SchemataEvent.Finished(operation, Duration.ofNanos(System.nanoTime() - started)));
            return result;
        } catch (RuntimeException e) {
            events.accept(new SchemataEvent.Failed(operation, Duration.ofNanos(System.nanoTime() - started), e));
            throw e;
        }
    }

    private ConnectionFactory database() {
        if (settings.connections() == null) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "no database: call dataSource(…) or url(…)");
        }
        return settings.connections();
    }

    /** The target's settings, for the client programs; a DataSource cannot be handed to pg_dump. */
    private ConnectionSettings clientSettings(String what) {
        database();
        if (settings.connectionSettings() == null) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, what + " runs PostgreSQL's client programs, which cannot use"
                    + " a DataSource: give the database with url(…) instead of dataSource(…)");
        }
        return settings.connectionSettings();
    }

    private MigrationSet scan() {
        return MigrationSet.scan(settings.locations(), settings.classLoader());
    }

    private MigrateOptions migrateOptions(boolean dryRun) {
        return new MigrateOptions(settings.target(), dryRun, settings.outOfOrder(), settings.lockTimeout(), settings.placeholders());
    }

    private Maintenance maintenance(Consumer<String> progress) {
        return new Maintenance(database(), settings.historyTable(), settings.lockTimeout(), progress);
    }

    private static Version version(String text) {
        Objects.requireNonNull(text, "version");
        return Version.tryParse(text).orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                "invalid version \"" + text + "\": expected digits such as 3, 003, 1.2 or 2024-01-31-120000"));
    }

    /**
     * validateOnMigrate: an applied migration whose file changed or went missing, or a pending one below the
     * applied version (unless out-of-order is allowed), stops the run before it starts. Failed and part-applied
     * migrations are left to migrate, which resumes them.
     */
    private void validateBeforeMigrate(ConnectionFactory db, MigrationSet set) {
        ValidationResult result = new Inspector(db, settings.historyTable()).validate(set, List.of(), List.of());
        boolean blocking = result.status().migrations().stream().anyMatch(s -> switch (s.state()) {
            case CHECKSUM_MISMATCH, MISSING_FILE, BELOW_SQUASH -> true;
            case OUT_OF_ORDER -> !settings.outOfOrder();
            default -> false;
        });
        if (blocking) {
            throw new SchemataException(ErrorCode.VALIDATION_FAILED, "validation failed before migrating; nothing was"
                    + " applied:\n  " + String.join("\n  ", result.problems())
                    + "\n(validateOnMigrate(false) skips this check; migrate still refuses changed applied files)");
        }
    }

    private Optional<Path> migrationsDirectory() {
        return settings.locations().stream().filter(MigrationLocation.Directory.class::isInstance)
                .map(l -> ((MigrationLocation.Directory) l).path()).findFirst();
    }

    private SchemaFile schemaFile() {
        Path file = settings.schemaFile();
        if (Files.isDirectory(file)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the schema file " + file + " is a directory; generate needs"
                    + " a schema file such as init.sql");
        }
        return SchemaFile.of(file);
    }

    /** The desired state: a schema file, or a directory of migrations that builds it. */
    private SchemaSource desired() {
        Path file = settings.schemaFile();
        return Files.isDirectory(file) ? new SchemaSource.Directory(file) : new SchemaSource.File(SchemaFile.of(file));
    }

    private Plan planFor(SchemaLoader loader) {
        SchemaSource.Live live = new SchemaSource.Live(database());
        SchemaSource desired = desired();
        return desired instanceof SchemaSource.File file
                ? DeclarativePlanner.forApply(loader, live, file.file(), settings.planOptions()).plan()
                : DeclarativePlanner.plan(loader, live, desired, settings.planOptions()).plan();
    }

    private void requireNothingSkipped(List<String> skipped, String action) {
        if (!settings.allowUnsupported() && !skipped.isEmpty()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, action + " " + skipped.size()
                    + " object(s) Schemata cannot represent or change:\n  " + String.join("\n  ", skipped)
                    + "\nCall allowUnsupported(true) to go on without them (they are listed in the result).");
        }
    }

    private static void refuseHazards(Plan plan, Set<HazardKind> allowed) {
        List<String> refused = new ArrayList<>();
        Set<HazardKind> needed = EnumSet.noneOf(HazardKind.class);
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            for (var hazard : step.hazards()) {
                if (!allowed.contains(hazard.kind())) {
                    needed.add(hazard.kind());
                    refused.add("step " + (i + 1) + ": " + step.sql().strip().lines().findFirst().orElse("") + "\n    "
                            + hazard.kind() + ": " + hazard.reason());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new SchemataException(ErrorCode.VALIDATION_FAILED, "not applying: steps carry hazards that were not"
                    + " allowed:\n  " + String.join("\n  ", refused) + "\nReview them with plan(), then allow "
                    + needed + " in apply(…). Nothing was applied.");
        }
    }

    private SchemaLoader loader(Integer major, Consumer<String> progress) {
        return new SchemaLoader(m -> scratchServer(m, progress), major, settings.schemas(), settings.historyTable(), progress);
    }

    /** The server of the throwaway databases: the one named by {@link Builder#scratchUrl}, else one Schemata starts. */
    private ScratchServer scratchServer(int major, Consumer<String> progress) {
        if (settings.scratch() != null) {
            return ScratchServer.on(settings.scratch(), settings.scratchSuperuser());
        }
        Environment env = Environment.current();
        BinaryLocator locator = new BinaryLocator(env, BuildInfo.load(), progress);
        Path work = settings.workDirectory();
        DevDatabase dev = new DevDatabase(work.resolve(".schemata").resolve("dev"), locator, binaries(),
                ServerUser.detect(env));
        return ScratchServer.forMajor(major, dev, work, locator, ServerUser.detect(env), settings.scratchSuperuser(), progress);
    }

    /** The major version to build on when no live database is compared: the scratch server's, else the target's. */
    private int scratchMajor() {
        if (settings.scratch() != null) {
            return majorOf(ConnectionFactory.of(settings.scratch()));
        }
        if (settings.connections() != null) {
            return majorOf(settings.connections());
        }
        if (settings.pgVersion() != null) {
            return Integer.parseInt(settings.pgVersion().split("\\.")[0]);
        }
        throw new SchemataException(ErrorCode.BAD_CONFIG, "no database says which PostgreSQL version to build the schema"
                + " with: configure the database, scratchUrl(…) or pgVersion(…)");
    }

    private static int majorOf(ConnectionFactory connections) {
        try (Connection c = connections.open()) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw connections.failure(e);
        }
    }

    private BinarySpec binaries() {
        return settings.pgBin() != null ? new BinarySpec(settings.pgBin(), null)
                : settings.pgVersion() != null ? new BinarySpec(null, settings.pgVersion()) : BinarySpec.automatic();
    }

    private ClientLocator clientLocator() {
        return new ClientLocator(Environment.current(), settings.pgDump());
    }

    private Backups backups(Consumer<String> progress) {
        return new Backups(clientLocator(), progress);
    }

    private BackupRequest backupRequest(Path dir) {
        return new BackupRequest(dir, BackupFormat.CUSTOM, BackupContent.FULL, settings.historyTable());
    }

    /**
     * Collects settings in any order; {@link #load()} checks them, resolves the database, and returns an immutable
     * {@link Schemata}.
     */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private List<MigrationLocation> locations = List.of(MigrationLocation.DEFAULT);
        private ClassLoader classLoader;
        private HistoryTable historyTable = HistoryTable.DEFAULT;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private Duration lockTimeout = MigrateOptions.DEFAULT_LOCK_TIMEOUT;
        private boolean outOfOrder;
        private Version target;
        private LintMode lintMode = LintMode.WARN;
        private LintOptions lintOptions = LintOptions.defaults();
        private boolean validateOnMigrate = true;
        private Path backupBefore;
        private Path schemaFile = Path.of("init.sql");
        private SchemaFilter schemas = SchemaFilter.all();
        private PlanOptions planOptions = PlanOptions.defaults();
        private boolean allowUnsupported;
        private String scratchUrl;
        private boolean scratchSuperuser;
        private boolean allowClusterChanges;
        private Path workDirectory = Path.of("");
        private Path pgBin;
        private String pgVersion;
        private Path pgDump;
        private Consumer<String> listener = message -> { };
        private Consumer<SchemataEvent> eventListener = event -> { };

        private Builder() {
        }

        /** The target database as the application's {@link DataSource}. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The target database as a {@code postgresql://} or {@code jdbc:postgresql://} URL; PG* variables and
         * ~/.pgpass fill gaps, as in libpq. Needed instead of a DataSource by {@link #backup}, {@link #restore} and
         * {@link #backupBefore}.
         */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
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

        /** {@code table} or {@code schema.table}; default {@code schema_migrations}. */
        public Builder historyTable(String table) {
            this.historyTable = HistoryTable.parse(table);
            return this;
        }

        /** Replaces {@code ${name}} in migrations; once any is given, an undefined one is an error. */
        public Builder placeholder(String name, String value) {
            placeholders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** How long to wait for another run's migration lock (default 10 minutes), then {@code LOCK_TIMEOUT}. */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
            return this;
        }

        /** Applies pending migrations below the highest applied version instead of refusing them. */
        public Builder outOfOrder(boolean allow) {
            this.outOfOrder = allow;
            return this;
        }

        /** Migrate (and verify rollbacks) up to this version only. */
        public Builder target(String version) {
            this.target = version == null ? null : version(version);
            return this;
        }

        /** Lint the pending migrations before {@link #migrate()} changes anything (default {@link LintMode#WARN}, as the CLI). */
        public Builder lint(LintMode mode) {
            this.lintMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Rules, severities and thresholds of the lint, for {@link Schemata#lint()} and {@link #lint(LintMode)}. */
        public Builder lintOptions(LintOptions options) {
            this.lintOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Before migrating, stop when an applied migration's file changed or went missing (default true, as in
         * Flyway); migrate itself still refuses a changed applied file.
         */
        public Builder validateOnMigrate(boolean validate) {
            this.validateOnMigrate = validate;
            return this;
        }

        /**
         * Take and verify a backup into {@code dir} before {@link #migrate()} or {@link #apply} changes anything,
         * and record it in the history; no backup, no change. Needs the database as a {@link #url URL}.
         */
        public Builder backupBefore(Path dir) {
            this.backupBefore = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * The desired schema of {@link Schemata#plan()}, {@link Schemata#apply}, {@link Schemata#drift()} and
         * {@link Schemata#generate}: a schema file (default {@code init.sql}) or a directory of migrations that
         * builds it.
         */
        public Builder schemaFile(Path file) {
            this.schemaFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Which schemas the declarative operations read and compare (default: all). */
        public Builder schemas(SchemaFilter filter) {
            this.schemas = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** How plans are made: {@code PlanOptions.defaults().withOnline(true)} for a live system, say. */
        public Builder planOptions(PlanOptions options) {
            this.planOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Go on when a schema holds objects Schemata cannot represent; they are listed in the result. */
        public Builder allowUnsupported(boolean allow) {
            this.allowUnsupported = allow;
            return this;
        }

        /**
         * A superuser URL of a server of the target's major version, for the throwaway databases; by default
         * Schemata starts its own cluster under {@link #workDirectory}{@code /.schemata/}.
         */
        public Builder scratchUrl(String url) {
            this.scratchUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Run the SQL on throwaway databases as the scratch server's superuser instead of an unprivileged role. */
        public Builder scratchSuperuser(boolean allow) {
            this.scratchSuperuser = allow;
            return this;
        }

        /**
         * Let {@link Schemata#verifyRollback()} run migrations that change roles, databases or server settings on
         * the {@link #scratchUrl} server (always allowed on the cluster Schemata starts).
         */
        public Builder allowClusterChanges(boolean allow) {
            this.allowClusterChanges = allow;
            return this;
        }

        /** The directory that holds {@code .schemata/} with Schemata's own clusters (default: the working directory). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** A directory of PostgreSQL server binaries for the clusters Schemata starts. */
        public Builder pgBin(Path directory) {
            this.pgBin = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The version of the Maven-published PostgreSQL binaries for the clusters Schemata starts ({@code 17}, {@code 17.6.0}). */
        public Builder pgVersion(String version) {
            this.pgVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The pg_dump to use; pg_restore and psql are taken from its directory. */
        public Builder pgDump(Path program) {
            this.pgDump = Objects.requireNonNull(program, "program");
            return this;
        }

        /** Receives progress lines ("applied 001 initial schema (12 ms)"); {@link #eventListener} says from which thread. */
        public Builder listener(Consumer<String> listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Receives every {@link SchemataEvent}: each operation's start, progress, and end or failure. Progress of
         * {@link Schemata#plan()} and {@link Schemata#apply} may come from the thread that builds the schema file
         * on a throwaway database while the target is read; never from two threads at once.
         */
        public Builder eventListener(Consumer<SchemataEvent> listener) {
            this.eventListener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Checks the settings and resolves the database. A database is optional: without one only
         * {@link Schemata#lint()} works (statically), and the others throw {@code BAD_CONFIG}.
         */
        public Schemata load() {
            if (dataSource != null && url != null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "dataSource(…) and url(…) both name the database: give one");
            }
            if (lockTimeout == null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "lockTimeout must not be null");
            }
            Durations.requireInRange(lockTimeout, "lockTimeout");
            if (locations.isEmpty()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "locations(…) needs at least one location");
            }
            if (pgVersion != null && !pgVersion.matches("[0-9]+(\\.[0-9]+){0,2}")) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "pgVersion(\"" + pgVersion + "\"): expected a major version"
                        + " such as 17, or a full one such as 17.6.0");
            }
            Consumer<String> lines = listener;
            Consumer<SchemataEvent> typed = eventListener;
            Consumer<SchemataEvent> events = event -> {
                if (event instanceof SchemataEvent.Progress p) {
                    lines.accept(p.message());
                }
                typed.accept(event);
            };
            Consumer<String> warnings = message -> events.accept(new SchemataEvent.Progress(Operation.LOAD, message));
            ConnectionResolver resolver = new ConnectionResolver(Environment.current(), warnings);
            ConnectionSettings settings = url == null ? null : resolver.fromUrl(url, "url");
            ConnectionFactory connections = dataSource != null ? ConnectionFactory.of(dataSource)
                    : settings != null ? ConnectionFactory.of(settings) : null;
            if (backupBefore != null && settings == null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "backupBefore(…) runs pg_dump, which cannot use a DataSource:"
                        + " give the database with url(…) instead of dataSource(…)");
            }
            ConnectionSettings scratch = scratchUrl == null ? null : resolver.fromUrl(scratchUrl, "scratchUrl");
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                    : Schemata.class.getClassLoader();
            return new Schemata(new Settings(connections, settings, locations, loader, historyTable, placeholders, lockTimeout,
                    outOfOrder, target, lintMode, lintOptions, validateOnMigrate, backupBefore, schemaFile, schemas,
                    planOptions, allowUnsupported, scratch, scratchSuperuser, allowClusterChanges, workDirectory.toAbsolutePath(),
                    pgBin, pgVersion, pgDump, events));
        }
    }
}
