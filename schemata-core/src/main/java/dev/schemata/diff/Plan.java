package dev.schemata.diff;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The ordered steps that take a database from one schema to another.
 *
 * @param steps          in the order they must run
 * @param sourceChecksum the checksum of the file the desired schema came from, or null
 * @param skipped        objects of either schema that the model cannot represent and the plan therefore
 *                       leaves alone, by kind and name (e.g. {@code rule r1 on public.t})
 */
public record Plan(List<Step> steps, String sourceChecksum, List<String> skipped) {

    public Plan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(new TreeSet<>(Objects.requireNonNull(skipped, "skipped")));
    }

    /** True when the two schemas are equal: nothing to do. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public Plan withSourceChecksum(String checksum) {
        return new Plan(steps, checksum, skipped);
    }

    /** A plan whose steps run first, then this plan's. */
    public Plan after(List<Step> first) {
        List<Step> all = new java.util.ArrayList<>(first);
        all.addAll(steps);
        return new Plan(all, sourceChecksum, skipped);
    }

    /**
     * Fails when the plan skipped objects it cannot represent: whoever runs it would assume they were
     * written, created or compared. The message lists each one.
     *
     * @param action what would be incomplete, e.g. {@code "dump-schema cannot write"}
     */
    public void requireNothingSkipped(String action) {
        if (!skipped.isEmpty()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, action + " " + skipped.size()
                    + " object(s) of a kind Schemata does not represent:\n  " + String.join("\n  ", skipped)
                    + "\nRun again with --allow-unsupported to go on without them (they are listed as skipped).");
        }
    }

    /** How many steps carry each hazard kind, in enum order. */
    public Map<HazardKind, Integer> hazardCounts() {
        Map<HazardKind, Integer> counts = new EnumMap<>(HazardKind.class);
        for (Step step : steps) {
            step.hazards().stream().map(Hazard::kind).distinct().forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        return counts;
    }

    /** Whether any step creates or replaces a function or procedure (whose bodies should not be checked yet). */
    public boolean createsRoutines() {
        return steps.stream().anyMatch(s -> s.sql().startsWith("CREATE OR REPLACE FUNCTION")
                || s.sql().startsWith("CREATE OR REPLACE PROCEDURE") || s.sql().startsWith("CREATE FUNCTION")
                || s.sql().startsWith("CREATE PROCEDURE"));
    }

    /**
     * The plan as a script: each step ends with {@code ;}, hazards are comments above their step, and a step
     * that cannot run in a transaction says so, and {@code lock_timeout} is set where the steps' timeout
     * changes. Function bodies are not checked while the script runs, as in
     * pg_dump's output, so that a function may name a table created later in the script.
     */
    public String script() {
        StringBuilder sql = new StringBuilder();
        if (createsRoutines()) {
            sql.append("SET check_function_bodies = false;\n\n");
        }
        java.time.Duration lockTimeout = null;
        for (Step step : steps) {
            if (!java.util.Objects.equals(lockTimeout, step.lockTimeout())) {
                // A script's SET lasts for the session: set it when it changes, reset it when a step has none.
                sql.append(step.lockTimeout() == null ? "RESET lock_timeout;\n\n"
                        : "SET lock_timeout = '" + step.lockTimeout().toMillis() + "ms';\n");
                lockTimeout = step.lockTimeout();
            }
            for (Hazard hazard : step.hazards()) {
                sql.append("-- hazard ").append(hazard.kind()).append(": ").append(hazard.reason()).append('\n');
            }
            if (!step.transactional()) {
                sql.append("-- runs outside a transaction\n");
            }
            String text = step.sql().stripTrailing();
            sql.append(text);
            sql.append(text.endsWith(";") ? "\n\n" : ";\n\n");
        }
        return sql.toString();
    }
}
