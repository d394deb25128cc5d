package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.SchemaDump;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.diff.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code schemata dump-schema}: a live database's schema as a schema file. */
@Command(name = "dump-schema", mixinStandardHelpOptions = true,
        description = "Write the database's schema as canonical, stably ordered SQL that rebuilds it "
                + "(to adopt an existing database as init.sql). Data and the history table are left out. Fails (exit 1) "
                + "listing objects of a kind it cannot write, unless --allow-unsupported.")
final class DumpSchemaCommand extends DeclarativeCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
    Path file;

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    @Override
    public Integer call() {
        ConnectionSettings target = target();
        SchemaModel model;
        try (SchemaLoader loader = loader(null)) {
            model = loader.readLive(target);
        }
        Plan plan = SchemaDump.plan(model, declarative.planOptions()
                .ignoring(new QualifiedName(historyTable().schema(), historyTable().name())));
        // Checked before anything is written, so a refused dump leaves no partial file behind.
        unsupported.check(plan, "dump-schema cannot write", output());
        String sql = SchemaDump.script(plan, "Schema of " + target.maskedUrl() + ", written by `schemata dump-schema`.");
        if (file == null) {
            context().out().print(output().redact(sql));
            context().out().flush();
            return 0;
        }
        Path path = context().resolve(file);
        try {
            Files.writeString(path, sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write " + path + ": " + e.getMessage(), e);
        }
        output().result("Wrote the schema of " + target.maskedUrl() + " to " + file + ".");
        return 0;
    }
}
