package dev.schemata.maven;

import dev.schemata.migration.NewMigration;
import dev.schemata.declarative.MigrationGenerator;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schemata:generate}: writes the next versioned migration into the migrations directory, what takes the
 * schema the migrations build to the schema file's, as {@code schemata generate} does. Nothing is written when they
 * already match.
 */
@Mojo(name = "generate", threadSafe = true)
public class GenerateMojo extends SchemataMojo {
    /** The new migration's description, as in its file name ({@code add_orders}). */
    @Parameter(property = "schemata.name", required = true)
    String name;

    @Override
    boolean readsMigrations() {
        return false;
    }

    @Override
    void run() {
        var configured = configuredTarget();
        try (DatabaseTarget embedded = configured.isPresent() ? null : openEmbedded()) {
            var builder = configureWithoutDatabase(embedded);
            configured.ifPresent(c -> builder.url(c.urlWithPassword()));
            MigrationGenerator.Result result = builder.load().generate(name);
            if (result.written().isEmpty()) {
                info("the migrations already build " + schemaFile() + ": nothing written");
                return;
            }
            for (NewMigration.PlannedFile file : result.written().get().files()) {
                info("wrote " + file.path());
            }
            PlanLines.of(result.plan()).forEach(this::info);
        }
    }
}
