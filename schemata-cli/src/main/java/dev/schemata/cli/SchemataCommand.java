package dev.schemata.cli;

import dev.schemata.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The root command: global options, and the list of subcommands. */
@Command(name = "schemata", mixinStandardHelpOptions = true, versionProvider = SchemataCommand.Version.class,
        description = "Schema migrations for PostgreSQL: versioned migrations, declarative schema, and the operations around them.",
        footer = {"", "Exit codes: 0 success; 1 failed or found problems; 2 bad usage, configuration or input;",
                "3 cannot connect or authenticate; 4 migration lock not acquired in time."})
public final class SchemataCommand implements Runnable {
    /** A subcommand by name, created only when a command line uses it. */
    record Subcommand(String name, Supplier<Object> create) {
    }

    /**
     * The subcommands, in the order help lists them. {@link Main} registers only the one a command line
     * names: picocli builds each command's model by reflection over its annotations, and doing that for
     * every command costs a noticeable part of each start.
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("demo", DemoCommand::new),
            new Subcommand("migrate", MigrateCommand::new),
            new Subcommand("lint", LintCommand::new),
            new Subcommand("status", StatusCommand::new),
            new Subcommand("validate", ValidateCommand::new),
            new Subcommand("baseline", BaselineCommand::new),
            new Subcommand("repair", RepairCommand::new),
            new Subcommand("rollback", RollbackCommand::new),
            new Subcommand("verify-rollback", VerifyRollbackCommand::new),
            new Subcommand("new", NewCommand::new),
            new Subcommand("plan", PlanCommand::new),
            new Subcommand("apply", ApplyCommand::new),
            new Subcommand("diff", DiffCommand::new),
            new Subcommand("generate", GenerateCommand::new),
            new Subcommand("drift", DriftCommand::new),
            new Subcommand("check-models", CheckModelsCommand::new),
            new Subcommand("dump-schema", DumpSchemaCommand::new),
            new Subcommand("squash", SquashCommand::new),
            new Subcommand("dev", DevCommand::new),
            new Subcommand("backup", BackupCommand::new),
            new Subcommand("backups", BackupsCommand::new),
            new Subcommand("config", ConfigCommand::new),
            new Subcommand("monitor", MonitorCommand::new),
            new Subcommand("restore", RestoreCommand::new),
            new Subcommand("reset", ResetCommand::new),
            new Subcommand("load-data", LoadDataCommand::new),
            new Subcommand("completion", CompletionCommand::new),
            new Subcommand("internal-warmup", WarmupCommand::new));

    /** The global options that take a value, so that the value is not mistaken for the command's name. */
    static final Set<String> OPTIONS_WITH_VALUE = Set.of("--url", "--config", "--env", "--pg-bin", "--pg-version");

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
            // The runnable jar's manifest says it, already read to start the JVM; build.properties (a resource
            // read through a jar URL, a few ms of a start) when running from classes.
            String version = Version.class.getPackage().getImplementationVersion();
            return new String[]{"schemata " + (version != null ? version : BuildInfo.load().version())};
        }
    }
}
