package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.ClientLocator;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.migrate.RestorePlan;
import dev.schemata.migrate.Rollback;
import dev.schemata.migrate.RollbackOptions;
import dev.schemata.migrate.RollbackResult;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata rollback}: undo applied migrations with their downs, or restore the backup taken before them. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Undo the last applied migration with its down migration, in one transaction with its history row;"
                + " --steps N undoes the last N, --to V everything above V.",
                "A migration without a down stops the rollback before anything runs (exit 1).",
                "--restore restores the backup recorded for the run that applied it instead: the way back from migrations"
                        + " that cannot be undone, such as dropped data."})
final class RollbackCommand extends BaseCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--steps", paramLabel = "N", description = "Undo the last N applied migrations (default: 1).")
    Integer steps;

    @Option(names = "--to", paramLabel = "VERSION", description = "Undo every applied migration above this version.")
    String to;

    @Option(names = "--dry-run", description = "Print the SQL that would run (history writes included); change nothing."
            + " With --restore, print what would be restored.")
    boolean dryRun;

    /** Collects --yes-i-mean-<dbname> for protected environments (see ProtectionOptions). */
    @picocli.CommandLine.Unmatched
    List<String> unmatched = new java.util.ArrayList<>();

    @Option(names = "--force", description = "Also undo a migration recorded as failed, or whose up file changed since it was "
            + "applied; on a protected environment, needed with the database name confirmed (typed back at a terminal, "
            + "or --yes-i-mean-<dbname>).")
    boolean force;

    @Option(names = "--restore", description = "Restore the backup recorded for the run that applied the migration(s), with pg_restore.")
    boolean restore;

    @Option(names = "--yes", description = "Confirm --restore without a prompt (required without a terminal).")
    boolean yes;

    @Mixin
    LockWaitOption lockWait;

    @Mixin
    PlaceholderOption placeholder;

    @Mixin
    DevOption devOption;

    @Override
    public Integer call() {
        if (steps != null && to != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--steps and --to cannot be combined: give one");
        }
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        ConnectionSettings target = restore || devOption.dev ? target(devOption) : target();
        Duration lock = lockWait.duration();
        RollbackOptions options = new RollbackOptions(steps == null ? 1 : steps, to == null ? null : MigrateCommand.parseVersion(to),
                dryRun, force, lock, placeholder.values(output()));
        if (dryRun) {
            ProtectionOptions.confirmedDatabase(unmatched);
        } else {
            ProtectionOptions.check(this, force, restore ? "rollback --restore" : "rollback", target.database(), unmatched);
        }
        Rollback rollback = new Rollback(ConnectionFactory.of(target), migrations.historyTable(), output()::notice);
        if (restore) {
            return restore(rollback, set, options, target, lock);
        }
        RollbackResult result = rollback.rollback(set, options);
        if (dryRun) {
            return printDryRun(target, result.dryRunSql());
        }
        if (output().json()) {
            output().json(describe(target, result));
        }
        return 0;
    }

    private int restore(Rollback rollback, MigrationSet set, RollbackOptions options, ConnectionSettings target, Duration lock) {
        RestorePlan plan = rollback.planRestore(set, options, context().workDir());
        String what = "restoring " + plan.backup() + " takes " + target.maskedUrl() + " back to before " + plan.takenBefore()
                + ": it rolls back " + String.join(", ", plan.undone())
                + (plan.appliedAt() == null ? "" : ", and every change made since " + TIME.format(plan.appliedAt()) + " is lost");
        if (dryRun) {
            if (output().json()) {
                output().json(Map.of("database", target.maskedUrl(), "dryRun", true, "restore", describe(plan)));
            } else {
                output().result(what);
            }
            return 0;
        }
        if (!yes) {
            Console console = context().interactive() ? System.console() : null;
            if (console == null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "rollback --restore replaces data and needs confirmation: "
                        + what + ". Pass --yes to confirm (there is no terminal to ask on).");
            }
            String answer = console.readLine("%s%nType yes to restore: ", what);
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "restore cancelled; nothing was changed");
            }
        }
        // Any pg_restore reads the dumps this server's pg_dump wrote; --pg-bin's directory comes first.
        Path binDir = binarySpec().binDir() == null ? null : context().resolve(binarySpec().binDir());
        PgRestore restorer = new PgRestore(new ClientLocator(context().env(), binDir)
                .locate("pg_restore", 0, "rollback --restore").path());
        RollbackResult result = rollback.restore(plan, restorer, target, lock);
        if (output().json()) {
            Map<String, Object> json = describe(target, result);
            json.put("restored", describe(plan));
            output().json(json);
        }
        return 0;
    }

    private static Map<String, Object> describe(RestorePlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backup", plan.backup().toString());
        json.put("takenBefore", plan.takenBefore());
        json.put("versions", plan.undone());
        json.put("appliedAt", plan.appliedAt() == null ? null : plan.appliedAt().toString());
        return json;
    }

    static Map<String, Object> describe(ConnectionSettings target, RollbackResult result) {
        return MigrateCommand.describeRun(target, result.initialVersion(), result.currentVersion(), "rolledBack",
                result.rolledBack().stream().map(r -> MigrateCommand.describeMigration(r.version(), r.description(),
                        r.file(), r.executionMs(), r.statements(), r.transactional())).toList(), result.elapsed().toMillis());
    }
}
