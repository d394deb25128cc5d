package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.models.ModelsSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Where the DDL the application's models expect comes from: {@code --models-ddl} or {@code --models-ddl-command}. */
final class ModelsOptions {
    @Option(names = "--models-ddl", paramLabel = "FILE", description = "A file with the DDL the models expect.")
    Path ddlFile;

    @Option(names = "--models-ddl-command", paramLabel = "CMD", description = "A command (run with sh -c in the "
            + "working directory) whose standard output is the DDL the models expect, e.g. \"python3 models_ddl.py\".")
    String ddlCommand;

    @Option(names = "--models-timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long --models-ddl-command may run (default: ${DEFAULT-VALUE}).")
    String timeout;

    boolean given() {
        return ddlFile != null || ddlCommand != null;
    }

    ModelsSource source(CliContext context) {
        if (ddlFile != null && ddlCommand != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "give either --models-ddl or --models-ddl-command, not both");
        }
        if (ddlFile != null) {
            return new ModelsSource.DdlFile(context.resolve(ddlFile), ddlFile.toString());
        }
        if (ddlCommand == null || ddlCommand.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "say where the models' DDL comes from: --models-ddl FILE "
                    + "or --models-ddl-command CMD");
        }
        Duration limit = MigrationsOptions.duration(timeout, "--models-timeout");
        return new ModelsSource.DdlCommand(ddlCommand, context.workDir(), limit);
    }

    /** Where a command's DDL is kept while it is loaded: the system's temporary directory (the file is owner-only). */
    static Path scratchDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
