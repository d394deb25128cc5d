package dev.schemata.cli;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.migrate.Maintenance;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code schemata baseline --version V}: adopt an existing database. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Adopt an existing database: record versions up to VERSION as applied without running them.")
final class BaselineCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The version the database is at.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "Recorded with the baseline (default: baseline).")
    String description;

    @Mixin
    LockWaitOption lockWait;

    @Override
    public Integer call() {
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        new Maintenance(ConnectionFactory.of(target()), migrations.historyTable(),
                lockWait.duration(), output()::notice)
                .baseline(set, MigrateCommand.parseVersion(version), description);
        if (output().json()) {
            output().json(Map.of("baseline", version));
        }
        return 0;
    }
}
