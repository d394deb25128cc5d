package dev.schemata.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What {@code rollback} did.
 *
 * @param initialVersion the highest applied version before (null: none)
 * @param currentVersion the highest applied version after
 * @param rolledBack     in the order undone (newest first)
 * @param dryRunSql      with {@code --dry-run}, exactly the SQL that would have run; otherwise empty
 */
public record RollbackResult(String initialVersion, String currentVersion, List<RolledBackMigration> rolledBack,
                             Duration elapsed, List<String> dryRunSql) {
    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
        dryRunSql = List.copyOf(dryRunSql);
    }
}
