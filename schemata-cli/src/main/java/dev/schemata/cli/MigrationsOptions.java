package dev.schemata.cli;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.history.HistoryTable;
import dev.schemata.config.EnvironmentConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Options of the commands that work on a migrations directory and its history table. */
final class MigrationsOptions {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Migrations directory (default: ./migrations).")
    Path dir;

    @Option(names = "--history-table", paramLabel = "[SCHEMA.]TABLE",
            description = "History table (default: public.schema_migrations).")
    String historyTable;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** --dir, else the selected environment's migrations, else ./migrations. */
    Path dir(CliContext context) {
        if (dir == null) {
            Optional<Path> configured = environment().map(EnvironmentConfig::migrations);
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        return context.resolve(dir != null ? dir : Path.of("migrations"));
    }

    /** --history-table, else the selected environment's, else public.schema_migrations. */
    HistoryTable historyTable() {
        if (historyTable != null) {
            try {
                return HistoryTable.parse(historyTable);
            } catch (SchemataException e) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--history-table: " + e.getMessage(), e);
            }
        }
        return environment().map(EnvironmentConfig::historyTable).orElse(HistoryTable.DEFAULT);
    }

    private Optional<EnvironmentConfig> environment() {
        return mixee != null && mixee.root().userObject() instanceof SchemataCommand root
                ? Optional.of(root.project().environment()) : Optional.empty();
    }

    /**
     * An option's duration: {@code 600} (seconds), {@code 30s}, {@code 10m}, {@code 10min}, {@code 1h}, {@code 500ms},
     * {@code 1d}, read by {@link Durations}; anything else, or more than it allows, is a usage error naming the option.
     */
    static Duration duration(String text, String option) {
        try {
            return Durations.parse(text, "s");
        } catch (IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_USAGE, option + ": " + e.getMessage());
        }
    }
}
