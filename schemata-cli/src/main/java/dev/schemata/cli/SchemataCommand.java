package dev.schemata.cli;

import dev.schemata.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: global options, and the list of subcommands. */
@Command(name = "schemata", mixinStandardHelpOptions = true, versionProvider = SchemataCommand.Version.class,
        description = "Schema migrations for PostgreSQL: versioned migrations, declarative schema, and the operations around them.",
        subcommands = {
                DemoCommand.class,
                MigrateCommand.class,
                StatusCommand.class,
                ValidateCommand.class,
                BaselineCommand.class,
                RepairCommand.class,
                NewCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                DiffCommand.class,
                GenerateCommand.class,
                DriftCommand.class,
                DumpSchemaCommand.class,
                DevCommand.class,
                CompletionCommand.class,
        },
        footer = {"", "Exit codes: 0 success; 1 failed or found problems; 2 bad usage, configuration or input;",
                "3 cannot connect or authenticate; 4 migration lock not acquired in time."})
public final class SchemataCommand implements Runnable {
    @Mixin
    GlobalOptions options;

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private Output output;

    SchemataCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.err());
    }

    CliContext context() {
        return context;
    }

    GlobalOptions options() {
        return options;
    }

    /** Created on first use, after the options are parsed. */
    Output output() {
        if (output == null) {
            output = new Output(context, options);
        }
        return output;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"schemata " + BuildInfo.load().version()};
        }
    }
}
