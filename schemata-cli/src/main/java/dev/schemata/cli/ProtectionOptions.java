package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.config.Consent;
import dev.schemata.config.EnvironmentConfig;
import dev.schemata.config.Protection;
import picocli.CommandLine.Option;

import java.io.Console;
import java.util.List;

/**
 * {@code --force} and {@code --yes-i-mean-<dbname>} for destructive commands (reset, restore, rollback,
 * apply with DELETES_DATA), and the one place that asks for the typed-back database name on a terminal.
 * A command mixes this in, declares {@code @Unmatched List<String> unmatched} itself (picocli collects
 * unknown options only for the command that declares it, not for a mixin) and calls
 * {@link #check(BaseCommand, String, String, List)} before it changes anything.
 */
final class ProtectionOptions {
    private static final String CONFIRM_PREFIX = "--yes-i-mean-";

    @Option(names = "--force", description = "Run even on a protected environment (the database name must be confirmed:"
            + " typed back at a terminal, or --yes-i-mean-<dbname>).")
    boolean force;

    /**
     * Returns when {@code operation} on {@code database} may go ahead in the selected environment, asking
     * for the database name at a terminal when needed; otherwise throws (exit 2) with nothing changed.
     */
    void check(BaseCommand command, String operation, String database, List<String> unmatched) {
        check(command, force, operation, database, unmatched);
    }

    /** The same, for a command that has a {@code --force} of its own (rollback's also overrides its own checks). */
    static void check(BaseCommand command, boolean force, String operation, String database, List<String> unmatched) {
        String confirmed = confirmedDatabase(unmatched);
        EnvironmentConfig env = command.environment();
        if (Protection.applies(env) && force && confirmed == null && command.context().interactive()) {
            Console console = System.console();
            if (console != null) {
                String typed = console.readLine("%s is protected: %s would change database \"%s\".%nType the database"
                        + " name to go ahead: ", env.label(), operation, database);
                confirmed = typed == null ? "" : typed.strip();
            }
        }
        Protection.check(env, operation, database, new Consent(force, confirmed));
    }

    /** The name from {@code --yes-i-mean-<dbname>}; any other unknown option is an error. */
    static String confirmedDatabase(List<String> unmatched) {
        String confirmed = null;
        for (String arg : unmatched) {
            if (!arg.startsWith(CONFIRM_PREFIX) || arg.length() == CONFIRM_PREFIX.length()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "Unknown option: '" + arg + "'");
            }
            confirmed = arg.substring(CONFIRM_PREFIX.length());
        }
        return confirmed;
    }
}
