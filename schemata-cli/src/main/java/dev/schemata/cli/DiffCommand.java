package dev.schemata.cli;

import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schemata diff}: the SQL that takes one schema to another. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Print the SQL that takes the --from schema to the --to schema. A source is db:URL, "
                + "file:PATH (a schema file) or dir:PATH (a migrations directory, applied to a throwaway database).")
final class DiffCommand extends DeclarativeCommand {
    @Option(names = "--from", required = true, paramLabel = "SRC", description = "The schema to start from.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SRC", description = "The schema to end at.")
    String to;

    @Override
    public Integer call() {
        SchemaSource source = parseSource(from, "--from/--to");
        SchemaSource target = parseSource(to, "--from/--to");
        boolean live = source instanceof SchemaSource.Live || target instanceof SchemaSource.Live;
        try (SchemaLoader loader = loader(live ? null : fallbackMajor())) {
            Plan plan = DeclarativePlanner.plan(loader, source, target, declarative.planOptions()).plan();
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("from", source.describe());
                json.put("to", target.describe());
                json.putAll(describe(plan));
                output().json(json);
            } else {
                context().out().print(output().redact(plan.isEmpty() ? "-- the two schemas are equal\n" : plan.script()));
                context().out().flush();
                skipped(plan);
            }
            return 0;
        }
    }
}
