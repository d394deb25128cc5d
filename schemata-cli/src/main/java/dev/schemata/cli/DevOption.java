package dev.schemata.cli;

import picocli.CommandLine.Option;

/**
 * {@code --dev}, for the commands that never fall back to the dev database on their own (backup, restore,
 * reset, rollback --restore, monitor): a cron job whose URL variable went missing must fail, not back up,
 * restore or report on the wrong database.
 */
final class DevOption {
    @Option(names = "--dev", description = "Use the dev database. Without --dev this command needs a configured database"
            + " and never falls back to the dev database.")
    boolean dev;
}
