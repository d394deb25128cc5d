package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata validate}: does the database match its migrations? */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check applied checksums, missing files, failed or partial migrations, out-of-order pending files "
                + "and required objects; exit 1 with a report on any problem.")
final class ValidateCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--require-table", paramLabel = "[SCHEMA.]TABLE", description = "A table that must exist (repeatable).")
    List<String> requiredTables = new ArrayList<>();

    @Option(names = "--require-index", paramLabel = "[SCHEMA.]INDEX", description = "An index that must exist (repeatable).")
    List<String> requiredIndexes = new ArrayList<>();

    @Override
    public Integer call() {
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        ConnectionSettings target = target();
        ValidationResult result = new Inspector(ConnectionFactory.of(target), migrations.historyTable())
                .validate(set, requiredTables, requiredIndexes);
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", target.maskedUrl());
            json.put("valid", result.valid());
            json.put("current", result.status().current());
            json.put("problems", result.problems());
            output().json(json);
        } else if (result.valid()) {
            output().notice("valid: " + target.maskedUrl() + " matches " + set.directory().getFileName()
                    + " (version " + (result.status().current() == null ? "none" : result.status().current()) + ")");
        } else {
            output().result("Validation of " + target.maskedUrl() + " found " + result.problems().size() + " problem"
                    + (result.problems().size() == 1 ? "" : "s") + ":");
            result.problems().forEach(p -> output().result("  - " + p));
        }
        return result.valid() ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }
}
