package dev.schemata.cli;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            return HistoryTable.parse(historyTable);
        }
        return environment().map(EnvironmentConfig::historyTable).orElse(HistoryTable.DEFAULT);
    }

    private Optional<EnvironmentConfig> environment() {
        return mixee != null && mixee.root().userObject() instanceof SchemataCommand root
                ? Optional.of(root.project().environment()) : Optional.empty();
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    /** {@code 600}, {@code 30s}, {@code 10m}, {@code 10min}, {@code 1h}, {@code 500ms}; a bare number is seconds. */
    static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, option + ": invalid duration \"" + text
                    + "\" (examples: 30s, 10m, 1h, 500ms)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
