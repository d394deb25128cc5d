package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.fleet.TargetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;

/** {@code schemata plan}: what it would take to make the target match the schema file. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the steps that would make the database match the schema file, with their hazards. "
                + "Exit 0 (an empty plan when in sync). --format markdown gives the plan as a pull-request comment.")
final class PlanCommand extends DeclarativeCommand {
    @Mixin
    ReportFormatOption reportFormat;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        String format = reportFormat.chosen(output());
        if (fleet.active(this)) {
            return planFleet(format);
        }
        ConnectionSettings target = target();
        SchemaFile file = declarative.schemaFile(context(), environment());
        try (SchemaLoader loader = loader(null)) {
            DeclarativePlanner.Result result = DeclarativePlanner.forApply(loader, new SchemaSource.Live(target), file,
                    declarative.planOptions());
            if (CiReports.isCi(format)) {
                String heading = result.plan().isEmpty() ? "the database matches " + file.display() + ": nothing to do"
                        : "plan for " + target.maskedUrl() + " from " + file.display() + ": " + result.plan().steps().size()
                        + " step" + (result.plan().steps().size() == 1 ? "" : "s") + summary(result.plan());
                CiReports.print(format, report("plan", heading, result.plan(), LintOutput.display(context(), file.path())),
                        output(), context());
            } else if (format.equals("json")) {
                Map<String, Object> json = new java.util.LinkedHashMap<>();
                json.put("database", target.maskedUrl());
                json.put("schemaFile", file.display());
                json.putAll(describe(result.plan()));
                output().json(json);
            } else if (result.plan().isEmpty()) {
                output().result("The database matches " + file.display() + ": nothing to do.");
                skipped(result.plan());
            } else {
                printPlan(result.plan(), "Plan for " + target.maskedUrl() + " from " + file.display());
            }
            return 0;
        }
    }

    /** The plan of each target of the fleet (a database or a tenant schema): pending when it has steps, with their hazards. */
    private int planFleet(String format) {
        SchemaFile file = declarative.schemaFile(context(), environment());
        try (SchemaLoader loader = loader(null)) {
            return fleet.runCompared(this, "plan", format, loader, (t, own) -> {
                DeclarativePlanner.Result result = DeclarativePlanner.forApply(own, new SchemaSource.Live(t.connections()), file,
                        declarative.planOptions());
                List<String> steps = result.plan().steps().stream().map(step -> step.sql().strip().lines().findFirst().orElse("")
                        + (step.hazards().isEmpty() ? "" : "  -- " + step.hazards())).toList();
                return TargetResult.of(t, steps.isEmpty() ? TargetResult.Status.OK : TargetResult.Status.PENDING, null, null,
                        steps.isEmpty() ? "in sync" : steps.size() + " step" + (steps.size() == 1 ? "" : "s") + summary(result.plan()),
                        steps, null);
            });
        }
    }
}
