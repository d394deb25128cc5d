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
                LintCommand.class,
                StatusCommand.class,
                ValidateCommand.class,
                BaselineCommand.class,
                RepairCommand.class,
                RollbackCommand.class,
                VerifyRollbackCommand.class,
                NewCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                DiffCommand.class,
                GenerateCommand.class,
                DriftCommand.class,
                DumpSchemaCommand.class,
                DevCommand.class,
                BackupCommand.class,
                BackupsCommand.class,
                ConfigCommand.class,
                MonitorCommand.class,
                RestoreCommand.class,
                ResetCommand.class,
                CompletionCommand.class,
                WarmupCommand.class,
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
    private ProjectSettings project;

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

    /** The configuration file and selected environment, read on first use. */
    ProjectSettings project() {
        if (project == null) {
            project = ProjectSettings.load(context, options, output());
        }
        return project;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"schemata " + BuildInfo.load().version()};
        }
    }
}
