package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code schemata plan}: what it would take to make the target match the schema file. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the steps that would make the database match the schema file, with their hazards. "
                + "Exit 0 (an empty plan when in sync).")
final class PlanCommand extends DeclarativeCommand {

    @Override
    public Integer call() {
        ConnectionSettings target = target();
        SchemaFile file = declarative.schemaFile(context(), environment());
        try (SchemaLoader loader = loader(null)) {
            DeclarativePlanner.Result result = DeclarativePlanner.forApply(loader, new SchemaSource.Live(target), file,
                    declarative.planOptions());
            if (output().json()) {
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
}
