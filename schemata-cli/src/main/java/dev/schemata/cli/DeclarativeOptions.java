package dev.schemata.cli;

import dev.schemata.catalog.SchemaFilter;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.diff.PlanOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options of the declarative commands: where the desired schema is, which schemas count, and how to plan. */
final class DeclarativeOptions {
    @Option(names = "--schema-file", paramLabel = "FILE",
            description = "The desired schema (default: the environment's schema_file, else ./init.sql).")
    Path schemaFile;

    @Option(names = "--online", description = "Plan for a live system: concurrent index builds, NOT VALID constraints "
            + "validated separately, SET NOT NULL through a validated check, and a lock timeout on every step.")
    boolean online;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "lock_timeout of each step that locks a table (default: 3s with --online, none without).")
    String lockTimeout;

    @Option(names = "--schema", paramLabel = "NAME", split = ",", description = "Compare only these schemas (default: all).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude-schema", paramLabel = "NAME", split = ",", description = "Leave these schemas out.")
    List<String> exclude = new ArrayList<>();

    SchemaFile schemaFile(CliContext context, dev.schemata.config.EnvironmentConfig environment) {
        Path given = schemaFile != null ? schemaFile
                : environment.schemaFile() != null ? environment.schemaFile() : Path.of("init.sql");
        return new SchemaFile(context.resolve(given), given.toString());
    }

    SchemaFilter filter() {
        return new SchemaFilter(include, exclude);
    }

    PlanOptions planOptions() {
        PlanOptions options = PlanOptions.defaults().withOnline(online);
        if (lockTimeout != null) {
            return options.withLockTimeout(MigrationsOptions.duration(lockTimeout, "--lock-timeout"));
        }
        return online ? options.withLockTimeout(java.time.Duration.ofSeconds(3)) : options;
    }
}
