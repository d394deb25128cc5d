package dev.schemata.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What {@code migrate} did.
 *
 * @param initialVersion the highest applied version before the run (null: none)
 * @param currentVersion the highest applied version after it
 * @param applied        in the order applied
 * @param dryRunSql      with {@code --dry-run}, exactly the SQL that would have run; otherwise empty
 */
public record MigrateResult(String initialVersion, String currentVersion, List<AppliedMigration> applied,
                            Duration elapsed, List<String> warnings, List<String> dryRunSql) {
    public MigrateResult {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
        dryRunSql = List.copyOf(dryRunSql);
    }
}
