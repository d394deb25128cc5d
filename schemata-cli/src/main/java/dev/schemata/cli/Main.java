package dev.schemata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** Entry point of the {@code schemata} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliContext.system()));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public static int run(String[] args, CliContext context) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The one line picocli would print, without building the command model first: that model is
            // most of a version request's time, and scripts ask for the version often.
            for (String line : new SchemataCommand.Version().getVersion()) {
                context.out().println(line);
            }
            context.out().flush();
            return 0;
        }
        CommandLine commandLine = commandLine(context, args);
        return commandLine.execute(optionsAfterCommand(commandLine, args));
    }

    /**
     * The arguments with each option written before the name of the command that takes it moved to just
     * after that name: {@code schemata --url U --dir m status} as {@code schemata --url U status --dir m}.
     * Users type options on either side of the command name (Flyway and psql habits); picocli reads an
     * option only after the name of its command. Global options are known everywhere and stay as written;
     * an option no command knows stays too, for picocli to report.
     */
    static String[] optionsAfterCommand(CommandLine root, String[] args) {
        List<String> out = new ArrayList<>();
        List<List<String>> pending = new ArrayList<>();
        CommandLine current = root;
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            String arg = args[i];
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                OptionSpec below = current.getCommandSpec().findOption(name) == null ? optionBelow(current, name) : null;
                List<String> option = new ArrayList<>(List.of(arg));
                OptionSpec spec = below != null ? below : current.getCommandSpec().findOption(name);
                if (spec != null && spec.arity().min() > 0 && !arg.contains("=") && i + 1 < args.length) {
                    option.add(args[++i]);
                }
                if (below != null) {
                    pending.add(option);
                } else {
                    out.addAll(option);
                }
                continue;
            }
            out.add(arg);
            CommandLine sub = current.getSubcommands().get(arg);
            if (sub != null) {
                current = sub;
                for (Iterator<List<String>> it = pending.iterator(); it.hasNext(); ) {
                    List<String> option = it.next();
                    String first = option.get(0);
                    if (sub.getCommandSpec().findOption(first.contains("=") ? first.substring(0, first.indexOf('=')) : first) != null) {
                        out.addAll(option);
                        it.remove();
                    }
                }
            }
        }
        pending.forEach(out::addAll);
        out.addAll(Arrays.asList(args).subList(i, args.length));
        return out.toArray(String[]::new);
    }

    /** The option of this name of a subcommand (at any depth) of {@code command}, or null. */
    private static OptionSpec optionBelow(CommandLine command, String name) {
        for (CommandLine sub : command.getSubcommands().values()) {
            OptionSpec option = sub.getCommandSpec().findOption(name);
            if (option == null) {
                option = optionBelow(sub, name);
            }
            if (option != null) {
                return option;
            }
        }
        return null;
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
     * The subcommand {@code args} name: the first word that names one and is not a global option's value.
     * Null when they name none we know, and for the commands that describe all the others.
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
            if (known) {
                return arg.equals("completion") || arg.equals("internal-warmup") ? null : arg;
            }
            // Not a command: the value of an option of the command named later (--dir m status), or a typo.
        }
        return null;
    }
}
