package dev.schemata;

import dev.schemata.diff.Plan;

import java.util.Objects;

/**
 * What {@link Schemata#plan()} found it would take to make the database match the desired schema.
 *
 * @param database      the database planned for (a URL without its password, or "the application's DataSource")
 * @param desiredSchema the schema file or directory the plan leads to
 * @param plan          the steps, with their hazards; {@link Plan#isEmpty()} when in sync, {@link Plan#skipped()}
 *                      names what could not be compared
 */
public record PlanResult(String database, String desiredSchema, Plan plan) {
    public PlanResult {
        Objects.requireNonNull(plan, "plan");
    }

    public boolean inSync() {
        return plan.isEmpty();
    }
}
