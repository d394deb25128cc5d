package dev.schemata.cli;

import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.NewMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

/** {@code schemata new NAME}: create the next migration file. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create the next migration file in the directory's own naming style and width.")
final class NewCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "What the migration does, e.g. add new feature.")
    java.util.List<String> name;

    @Override
    public Integer call() {
        java.nio.file.Path dir = migrations.dir(context());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NewMigration planned = NewMigration.plan(MigrationSet.scan(dir), String.join(" ", name), Clock.systemUTC());
        planned.write();
        if (output().json()) {
            output().json(Map.of("version", planned.version().text(),
                    "files", planned.files().stream().map(f -> context().workDir().relativize(f.path()).toString()).toList()));
        } else {
            planned.files().forEach(f -> output().result(context().workDir().relativize(f.path()).toString()));
            output().notice("write the migration's SQL there: until then the empty file is reported as an error");
        }
        return 0;
    }
}
