package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.DeclarativeApply;
import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Hazard;
import dev.schemata.diff.HazardKind;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code schemata apply}: make the target match the schema file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the database match the schema file. Steps with hazards run only when each of their "
                + "hazard kinds is allowed with --allow-hazards (or confirmed at a terminal); the apply is recorded "
                + "in the history table.")
final class ApplyCommand extends DeclarativeCommand {
    @Option(names = "--allow-hazards", paramLabel = "KIND", split = ",",
            description = "Hazard kinds to accept: DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, SCAN_UNDER_LOCK, "
                    + "INDEX_BUILD, INDEX_DROPPED, AUTHZ_CHANGE, HAS_UNTRACKABLE_DEPENDENCIES.")
    List<String> allowHazards = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ProtectionOptions protection;

    /** Collects --yes-i-mean-<dbname> for protected environments (see ProtectionOptions). */
    @picocli.CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @picocli.CommandLine.Mixin
    BackupOptions backup;

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long to wait for another run's migration lock (default: ${DEFAULT-VALUE}); then exit 4.")
    String lockWait;

    @Override
    public Integer call() {
        Set<HazardKind> allowed = allowed();
        ProtectionOptions.confirmedDatabase(unmatched);
        ConnectionSettings target = target();
        SchemaFile file = declarative.schemaFile(context(), environment());
        try (SchemaLoader loader = loader(null)) {
            Plan plan = DeclarativePlanner.forApply(loader, new SchemaSource.Live(target), file,
                    declarative.planOptions()).plan();
            unsupported.check(plan, "apply cannot create or compare", output());
            if (plan.isEmpty()) {
                report(target, file, plan, new DeclarativeApply.Result(0, 0, false, null));
                return 0;
            }
            List<Step> refused = plan.steps().stream()
                    .filter(s -> s.hazards().stream().anyMatch(h -> !allowed.contains(h.kind()))).toList();
            if (!refused.isEmpty() && !confirmed(plan, refused)) {
                return refuse(plan, refused, allowed);
            }
            if (plan.steps().stream().anyMatch(s -> s.hazards().stream().anyMatch(h -> h.kind() == HazardKind.DELETES_DATA))) {
                protection.check(this, "apply with DELETES_DATA", target.database(), unmatched);
            }
            java.nio.file.Path backupDir = backup.dir == null ? null : context().resolve(backup.dir);
            DeclarativeApply.Result result = DeclarativeApply.apply(ConnectionFactory.of(target), plan, historyTable(), file.display(),
                    MigrationsOptions.duration(lockWait, "--wait"), () -> backup.wanted(environment())
                            ? BackupCommand.beforeChange(this, target, backupDir, historyTable(), "no backup, no apply",
                            "Nothing was applied.") : null, output()::notice);
            report(target, file, plan, result);
            return 0;
        }
    }

    private Set<HazardKind> allowed() {
        Set<HazardKind> kinds = EnumSet.noneOf(HazardKind.class);
        for (String name : allowHazards) {
            try {
                kinds.add(HazardKind.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--allow-hazards: unknown hazard kind \"" + name
                        + "\"; the kinds are " + java.util.Arrays.toString(HazardKind.values()));
            }
        }
        return kinds;
    }

    /** At a terminal, a person may accept the hazards after seeing the plan. */
    private boolean confirmed(Plan plan, List<Step> refused) {
        if (!context().interactive() || output().json() || System.console() == null) {
            return false;
        }
        printPlan(plan, "Plan");
        String answer = System.console().readLine("%n%d step(s) carry hazards not allowed with --allow-hazards. Apply anyway? [y/N] ",
                refused.size());
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }

    private int refuse(Plan plan, List<Step> refused, Set<HazardKind> allowed) {
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("applied", false);
            json.put("refused", refused.stream().map(s -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("step", plan.steps().indexOf(s) + 1);
                r.put("sql", s.sql());
                r.put("hazards", s.hazards().stream().map(h -> h.kind().name()).distinct().toList());
                return r;
            }).toList());
            output().json(json);
        }
        StringBuilder message = new StringBuilder("not applying: " + refused.size() + " step(s) carry hazards that were not allowed:");
        Set<HazardKind> needed = EnumSet.noneOf(HazardKind.class);
        for (Step step : refused) {
            message.append("\n  step ").append(plan.steps().indexOf(step) + 1).append(": ")
                    .append(step.sql().strip().lines().findFirst().orElse(""));
            for (Hazard hazard : step.hazards()) {
                if (!allowed.contains(hazard.kind())) {
                    needed.add(hazard.kind());
                    message.append("\n    ").append(hazard.kind()).append(": ").append(hazard.reason());
                }
            }
        }
        message.append("\nReview them with `schemata plan`, then run again with --allow-hazards ")
                .append(String.join(",", needed.stream().map(Enum::name).toList())).append('.');
        output().error(message.toString());
        return ErrorCode.VALIDATION_FAILED.exitCode();
    }

    private void report(ConnectionSettings target, SchemaFile file, Plan plan, DeclarativeApply.Result result) {
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", target.maskedUrl());
            json.put("schemaFile", file.display());
            json.put("applied", result.steps() > 0);
            json.put("steps", result.steps());
            json.put("elapsedMs", result.elapsedMs());
            json.put("historyTable", historyTable().toString());
            json.put("backup", result.backup());
            json.put("plan", describe(plan));
            output().json(json);
        } else if (result.steps() == 0) {
            output().result("The database matches " + file.display() + ": nothing to do.");
        } else {
            output().result("Applied " + result.steps() + " step" + (result.steps() == 1 ? "" : "s") + " from "
                    + file.display() + (plan.asWritten() ? " (run as written: the database had no objects of its own)" : "")
                    + " in " + result.elapsedMs() + " ms; recorded in " + historyTable() + ".");
        }
        if (!output().json()) {
            notApplied(plan);
        }
    }
}
