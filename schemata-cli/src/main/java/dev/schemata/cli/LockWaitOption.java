package dev.schemata.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --lock-timeout} of the commands that take the migration lock. */
final class LockWaitOption {
    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long to wait for another run's migration lock (default: ${DEFAULT-VALUE}); then exit 4.")
    String text;

    /** The wait; a malformed value is a usage error naming the option. */
    Duration duration() {
        return MigrationsOptions.duration(text, "--lock-timeout");
    }
}
