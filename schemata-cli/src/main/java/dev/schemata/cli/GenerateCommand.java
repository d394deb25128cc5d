package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.MigrationGenerator;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.migration.NewMigration;
import dev.schemata.models.ModelMigration;
import dev.schemata.models.ModelsSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code schemata generate NAME}: the next migration, taking the migrations directory to the schema file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the next versioned migration that takes what the migrations directory builds to what "
                + "the schema file defines (or, with --from-models, what the application's models expect), hazards as "
                + "comments. Afterwards `schemata drift` (or `schemata check-models`) is clean.")
final class GenerateCommand extends DeclarativeCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "What the migration does, e.g. add_user_email.")
    String name;

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    @picocli.CommandLine.Option(names = "--from-models", description = "Take the schema the application's models expect "
            + "(--models-ddl or --models-ddl-command) instead of the schema file; tables no model maps are left alone.")
    boolean fromModels;

    @picocli.CommandLine.Mixin
    ModelsOptions models;

    @Override
    public Integer call() {
        if (models.given() && !fromModels) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--models-ddl and --models-ddl-command need --from-models");
        }
        ModelsSource modelsSource = fromModels ? models.source(context()) : null;
        SchemaFile file = fromModels ? null : declarative.schemaFile(context(), environment());
        String target = fromModels ? modelsSource.describe() : file.display();
        try (SchemaLoader loader = loader(fallbackMajor())) {
            java.util.function.Consumer<dev.schemata.diff.Plan> check = plan -> unsupported.check(plan, "generate cannot write", output());
            MigrationGenerator.Result generated;
            List<String> leftAlone = List.of();
            if (fromModels) {
                ModelMigration.Result fromModelsResult = ModelMigration.generate(loader, migrations.dir(context()),
                        modelsSource, name, Clock.systemUTC(), declarative.planOptions(), check, ModelsOptions.scratchDir());
                generated = fromModelsResult.result();
                leftAlone = fromModelsResult.unmapped();
                if (!leftAlone.isEmpty() && !output().json()) {
                    output().notice("left alone, as no model maps them: " + String.join(", ", fromModelsResult.unmapped()));
                }
            } else {
                generated = MigrationGenerator.generate(loader, migrations.dir(context()), file,
                        name, Clock.systemUTC(), declarative.planOptions(), check);
            }
            Optional<NewMigration> result = generated.written();
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("generated", result.isPresent());
                json.put("files", result.map(m -> m.files().stream().map(f -> f.path().toString()).toList())
                        .orElse(java.util.List.of()));
                json.put("version", result.map(m -> m.version().text()).orElse(null));
                if (fromModels) {
                    json.put("leftAlone", leftAlone);
                }
                json.put("plan", result.isPresent() || !generated.plan().notApplied().isEmpty() ? describe(generated.plan()) : null);
                output().json(json);
                return 0;
            }
            if (result.isEmpty()) {
                output().result("The migrations already build " + (fromModels ? "what the models expect (" + target + ")"
                        : target) + ": nothing to generate.");
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
