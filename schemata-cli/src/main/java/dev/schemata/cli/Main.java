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
        CommandLine commandLine = commandLine(context, args);
        return commandLine.execute(args);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name when they name one, else
     * (help, a misspelt command, completion) with all of them.
     */
    static CommandLine commandLine(CliContext context, String[] args) {
        SchemataCommand root = new SchemataCommand(context);
        CommandLine commandLine = new CommandLine(root);
        String named = subcommandName(args);
        for (SchemataCommand.Subcommand sub : SchemataCommand.SUBCOMMANDS) {
            if (named == null || sub.name().equals(named)) {
                commandLine.addSubcommand(sub.name(), sub.create().get());
            }
        }
        Failures failures = new Failures(root);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /**
     * The subcommand {@code args} name: the first word that is neither an option nor a global option's
     * value. Null when it names none we know, and for the commands that describe all the others.
     */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (SchemataCommand.OPTIONS_WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            boolean known = SchemataCommand.SUBCOMMANDS.stream().anyMatch(s -> s.name().equals(arg));
            return !known || arg.equals("completion") || arg.equals("internal-warmup") ? null : arg;
        }
        return null;
    }
}
