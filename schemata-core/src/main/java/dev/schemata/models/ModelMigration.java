package dev.schemata.models;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.declarative.MigrationGenerator;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code generate --from-models}: the next versioned migration taking what the migrations directory builds to
 * what the models expect, planned and written by {@link MigrationGenerator} like any generated migration
 * (hazards as comments). Tables no model maps are left alone, as {@link ModelCheck} reports them only as info.
 */
public final class ModelMigration {
    private ModelMigration() {
    }

    /**
     * @param result   what was written, if anything
     * @param unmapped the tables of the migrations that no model maps, left as they are
     */
    public record Result(MigrationGenerator.Result result, List<String> unmapped) {
    }

    public static Result generate(SchemaLoader loader, Path migrationsDir, ModelsSource models, String name, Clock clock,
                                  PlanOptions options, Consumer<Plan> check, Path scratchDir) {
        SchemaFile ddl = models.ddl(scratchDir);
        try {
            SchemaModel built = loader.load(new SchemaSource.Directory(migrationsDir));
            SchemaModel expected = loader.load(new SchemaSource.File(ddl));
            Set<QualifiedName> mapped = expected.tables().stream().map(Table::name).collect(Collectors.toSet());
            PlanOptions keeping = options;
            Set<QualifiedName> own = dev.schemata.declarative.DeclarativePlanner.withoutOwnTables(PlanOptions.defaults(), loader).ignored();
            List<QualifiedName> unmapped = built.tables().stream().map(Table::name)
                    .filter(t -> !mapped.contains(t) && !own.contains(t)).toList();
            for (QualifiedName table : unmapped) {
                keeping = keeping.ignoring(table);
            }
            MigrationGenerator.Result written = MigrationGenerator.generate(loader, migrationsDir, ddl, name, clock, keeping, check);
            return new Result(written, unmapped.stream().map(QualifiedName::toString).toList());
        } finally {
            ModelCheck.discard(models, ddl);
        }
    }
}
