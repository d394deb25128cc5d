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
 * @param notApplied     statements of the schema file that work on rows and are not part of the plan, each
 *                       with the reason (rows of tables that exist already are never touched)
 * @param asWritten      true when the steps are the schema file itself, run as written on a database with
 *                       no objects of its own (a clean rebuild)
 */
public record Plan(List<Step> steps, String sourceChecksum, List<String> skipped, List<NotApplied> notApplied,
                   boolean asWritten) {

    /**
     * A statement of the schema file that the plan does not run.
     *
     * @param origin where it is ({@code init.sql:12})
     * @param sql    the statement as written
     * @param reason why it is not run
     */
    public record NotApplied(String origin, String sql, String reason) {
        public NotApplied {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(reason, "reason");
        }

        /** The statement's first line, for a one-line listing. */
        public String summary() {
            String first = sql.strip().lines().findFirst().orElse("");
            return first.length() <= 100 ? first : first.substring(0, 100) + "…";
        }
    }

    public Plan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(new TreeSet<>(Objects.requireNonNull(skipped, "skipped")));
        notApplied = List.copyOf(notApplied);
    }

    /** A plan computed from two schemas. */
    public Plan(List<Step> steps, String sourceChecksum, List<String> skipped) {
        this(steps, sourceChecksum, skipped, List.of(), false);
    }

    /** True when the two schemas are equal: nothing to do. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public Plan withSourceChecksum(String checksum) {
        return new Plan(steps, checksum, skipped, notApplied, asWritten);
    }

    /** A plan whose steps run first, then this plan's. */
    public Plan after(List<Step> first) {
        List<Step> all = new java.util.ArrayList<>(first);
        all.addAll(steps);
        return new Plan(all, sourceChecksum, skipped, notApplied, asWritten);
    }

    /** This plan followed by statements of the schema file, with the file's statements it leaves out. */
    public Plan withData(List<Step> data, List<NotApplied> left) {
        List<Step> all = new java.util.ArrayList<>(steps);
        all.addAll(data);
        List<NotApplied> notRun = new java.util.ArrayList<>(notApplied);
        notRun.addAll(left);
        return new Plan(all, sourceChecksum, skipped, notRun, asWritten);
    }

    /** The steps taken as written from the schema file (its data). */
    public List<Step> dataSteps() {
        return steps.stream().filter(s -> s.origin() != null).toList();
    }

    /**
     * Fails when the plan skipped objects it cannot represent: whoever runs it would assume they were
     * written, created or compared. The message lists each one.
     *
     * @param action what would be incomplete, e.g. {@code "dump-schema cannot write"}
     */
    public void requireNothingSkipped(String action) {
        requireNothingSkipped(skipped, action);
    }

    /** As {@link #requireNothingSkipped(String)}, for objects skipped by several plans (drift's comparisons). */
    public static void requireNothingSkipped(List<String> skipped, String action) {
        if (!skipped.isEmpty()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, action + " " + skipped.size()
                    + " object(s) Schemata cannot represent or change:\n  " + String.join("\n  ", skipped)
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
            if (step.origin() != null && !asWritten) {
                sql.append("-- from ").append(step.origin()).append('\n');
            }
            for (Hazard hazard : step.hazards()) {
                sql.append("-- hazard ").append(hazard.kind()).append(": ").append(hazard.reason()).append('\n');
            }
            if (!step.transactional()) {
                sql.append("-- runs outside a transaction\n");
            }
            String text = step.sql().stripTrailing();
            sql.append(text);
            sql.append(text.endsWith(";") ? "\n" : ";\n");
            if (step.copyData() != null) {
                sql.append(step.copyData()).append("\\.\n");
            }
            sql.append('\n');
        }
        return sql.toString();
    }
}
