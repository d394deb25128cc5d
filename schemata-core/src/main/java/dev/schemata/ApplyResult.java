package dev.schemata;

import dev.schemata.diff.Plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Schemata#apply} did.
 *
 * @param database      the database changed (a URL without its password, or "the application's DataSource")
 * @param desiredSchema the schema file or directory it now matches, as recorded in the history
 * @param plan          the plan that ran
 * @param steps         how many steps ran (0: it already matched, and nothing was recorded)
 * @param backup        the backup taken before the change ({@link Schemata.Builder#backupBefore}), or null
 */
public record ApplyResult(String database, String desiredSchema, Plan plan, int steps, Duration elapsed, String backup) {
    public ApplyResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean applied() {
        return steps > 0;
    }
}
