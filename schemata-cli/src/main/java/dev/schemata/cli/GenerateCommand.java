package dev.schemata.cli;

import dev.schemata.declarative.MigrationGenerator;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.migration.NewMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code schemata generate NAME}: the next migration, taking the migrations directory to the schema file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the next versioned migration that takes what the migrations directory builds to what "
                + "the schema file defines, hazards as comments. Afterwards `schemata drift` is clean.")
final class GenerateCommand extends DeclarativeCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "What the migration does, e.g. add_user_email.")
    String name;

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    @Override
    public Integer call() {
        SchemaFile file = declarative.schemaFile(context(), environment());
        try (SchemaLoader loader = loader(fallbackMajor())) {
            MigrationGenerator.Result generated = MigrationGenerator.generate(loader, migrations.dir(context()), file,
                    name, Clock.systemUTC(), declarative.planOptions(),
                    plan -> unsupported.check(plan, "generate cannot write", output()));
            Optional<NewMigration> result = generated.written();
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("generated", result.isPresent());
                json.put("files", result.map(m -> m.files().stream().map(f -> f.path().toString()).toList())
                        .orElse(java.util.List.of()));
                json.put("version", result.map(m -> m.version().text()).orElse(null));
                json.put("plan", result.isPresent() || !generated.plan().notApplied().isEmpty() ? describe(generated.plan()) : null);
                output().json(json);
                return 0;
            }
            if (result.isEmpty()) {
                output().result("The migrations already build " + file.display() + ": nothing to generate.");
            } else {
                for (var f : result.get().files()) {
                    output().result("Wrote " + context().workDir().relativize(f.path()) + " ("
                            + generated.plan().steps().size() + " steps" + summary(generated.plan()) + ")");
                }
            }
            notApplied(generated.plan());
            return 0;
        }
    }
}
