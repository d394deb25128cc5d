package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.EarlyConnection;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.RollbackVerification;
import dev.schemata.migrate.RollbackVerifier;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migrate.VerifyRollbackOptions;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code schemata migrate}: apply pending migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending migrations in version order, each in its own transaction with its history row.")
final class MigrateCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop after this version.")
    String target;

    @Option(names = "--dry-run", description = "Print exactly the SQL that would run (history writes included); change nothing.")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Apply pending migrations below the highest applied version.")
    boolean outOfOrder;

    @Mixin
    LockWaitOption lockWait;

    @Option(names = "--lint", paramLabel = "MODE", defaultValue = "warn",
            description = "Lint the pending migrations first: off, warn (print findings) or error (error-level findings "
                    + "stop the run before anything changes). Default: ${DEFAULT-VALUE}.")
    String lint;

    @Mixin
    PlaceholderOption placeholder;

    @Mixin
    BackupOptions backup;

    @Option(names = "--verify-rollback", description = "First prove on a throwaway database that each pending migration's down"
            + " undoes it (as verify-rollback does); on any finding stop with exit 1 before touching the target.")
    boolean verifyRollback;

    @Option(names = "--allow-cluster-changes", description = "With --verify-rollback: see verify-rollback --help.")
    boolean allowClusterChanges;

    @picocli.CommandLine.Mixin
    ScratchSuperuserOption scratchSuperuser;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        // Option values are checked before anything connects: a typo must not cost a run.
        Version until = this.target == null ? null : parseVersion(this.target);
        Duration lockWaitTime = lockWait.duration();
        String lintMode = MigrateLint.mode(lint);
        Map<String, String> placeholders = placeholder.values(output());
        if (fleet.active(this)) {
            return migrateFleet(until, lockWaitTime, placeholders);
        }
        Optional<ConnectionSettings> configured = configuredTarget();
        // Connecting overlaps with reading the migrations; an error in the files is still reported first.
        try (EarlyConnection early = configured.map(t -> EarlyConnection.start(ConnectionFactory.of(t))).orElse(null)) {
            MigrationSet set = MigrationSet.scan(migrations.dir(context()));
            ConnectionSettings target = configured.orElseGet(this::devTarget);
            MigrateOptions options = new MigrateOptions(until, dryRun, outOfOrder, lockWaitTime, placeholders)
                    .withHooks(new MigrateHooks(this, target, migrations.historyTable(),
                            backup.wanted(environment()), backup.dir == null ? null : context().resolve(backup.dir), lintMode,
                            LintOutput.fromConfig(environment().lint()), placeholders));
            return run(set, target, early != null ? early : ConnectionFactory.of(target), options);
        }
    }

    /** Every target of the fleet, each from its own history; backups and checks that need one target are refused. */
    private int migrateFleet(Version until, Duration lockWaitTime, Map<String, String> placeholders) {
        if (dryRun || verifyRollback || backup.wanted(environment())) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--dry-run, --verify-rollback and backups work on one database,"
                    + " not on a fleet: run them per target (--url), or migrate the fleet without them");
        }
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        return fleet.run(this, "migrate", FleetWork.migrate(set, migrations.historyTable(),
                new MigrateOptions(until, false, outOfOrder, lockWaitTime, placeholders)));
    }

    private int run(MigrationSet set, ConnectionSettings target, ConnectionFactory connections, MigrateOptions options) {
        RollbackVerification verified = null;
        if (verifyRollback && !dryRun) {
            verified = verifyRollback(set, target, connections, options);
            if (verified != null && !verified.passed()) {
                if (output().json()) {
                    output().json(VerifyRollbackCommand.json(target, verified));
                } else {
                    VerifyRollbackCommand.print(output(), verified);
                    output().result("Nothing was migrated: fix the down migrations above, or migrate without --verify-rollback.");
                }
                return ErrorCode.MIGRATION_FAILED.exitCode();
            }
        }
        Migrator migrator = new Migrator(connections, migrations.historyTable(), output()::notice);
        MigrateResult result = migrator.migrate(set, options);
        if (dryRun) {
            return printDryRun(target, result.dryRunSql());
        }
        if (output().json()) {
            Map<String, Object> json = describe(target, result);
            if (verified != null) {
                json.put("verifyRollback", VerifyRollbackCommand.json(target, verified));
            }
            output().json(json);
        }
        return 0;
    }

    /** Checks the pending migrations up to --target; null when none is pending. */
    private RollbackVerification verifyRollback(MigrationSet set, ConnectionSettings target, ConnectionFactory connections,
                                                MigrateOptions options) {
        StatusReport status = new Inspector(connections, migrations.historyTable()).status(set);
        Version first = status.migrations().stream()
                .filter(s -> s.state() == MigrationState.PENDING && s.version() != null)
                .map(s -> Version.parse(s.version())).min(Comparator.naturalOrder()).orElse(null);
        if (first == null || (options.target() != null && first.compareTo(options.target()) > 0)) {
            output().notice("verify-rollback: no pending migration to check");
            return null;
        }
        boolean dev = configuredTarget().isEmpty();
        return new RollbackVerifier(output()::notice).verify(target, set, new VerifyRollbackOptions(first, options.target(),
                options.placeholders(), allowClusterChanges || dev, scratchSuperuser.enabled(context().env())));
    }

    static Version parseVersion(String text) {
        return Version.tryParse(text).orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                "invalid version \"" + text + "\": expected digits such as 3, 003, 1.2 or 2024-01-31-120000"));
    }

    static Map<String, Object> describe(ConnectionSettings target, MigrateResult result) {
        return describeRun(target, result.initialVersion(), result.currentVersion(), "applied",
                result.applied().stream().map(a -> describeMigration(a.version(), a.description(), a.file(),
                        a.executionMs(), a.statements(), a.transactional())).toList(), result.elapsed().toMillis());
    }

    /** The JSON of a run that applied or undid migrations; {@code listKey} names what it did. */
    static Map<String, Object> describeRun(ConnectionSettings target, String initialVersion, String currentVersion,
                                           String listKey, List<Map<String, Object>> migrations, long elapsedMs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", target.maskedUrl());
        json.put("initialVersion", initialVersion);
        json.put("currentVersion", currentVersion);
        json.put(listKey, migrations);
        json.put("elapsedMs", elapsedMs);
        return json;
    }

    static Map<String, Object> describeMigration(String version, String description, String file, long executionMs,
                                                 int statements, boolean transactional) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("description", description);
        json.put("file", file);
        json.put("executionMs", executionMs);
        json.put("statements", statements);
        json.put("transactional", transactional);
        return json;
    }
}
