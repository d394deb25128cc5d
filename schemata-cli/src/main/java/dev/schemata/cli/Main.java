package dev.schemata.cli;

import picocli.CommandLine;

/** Entry point of the {@code schemata} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliContext.system()));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public static int run(String[] args, CliContext context) {
        CommandLine commandLine = commandLine(context);
        return commandLine.execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        SchemataCommand root = new SchemataCommand(context);
        CommandLine commandLine = new CommandLine(root);
        Failures failures = new Failures(root);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
