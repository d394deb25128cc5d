package dev.schemata.cli;

import dev.schemata.connect.Environment;
import picocli.CommandLine.Option;

/**
 * {@code --scratch-superuser} of the commands that run the project's SQL on a throwaway database: the
 * user's explicit choice to run it as the server's superuser instead of as the role owning that database.
 */
final class ScratchSuperuserOption {
    @Option(names = "--scratch-superuser",
            description = "Run init.sql and migrations on throwaway databases as the server's superuser (for an untrusted"
                    + " extension, say); they are code, so only for SQL you trust. Also: SCHEMATA_SCRATCH_SUPERUSER=true.")
    boolean enabled;

    boolean enabled(Environment env) {
        return enabled || env.get("SCHEMATA_SCRATCH_SUPERUSER").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }
}
