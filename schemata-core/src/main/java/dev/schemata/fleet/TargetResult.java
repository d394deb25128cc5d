package dev.schemata.fleet;

import java.util.List;
import java.util.Objects;

/**
 * What one command did on one target.
 *
 * @param before     the target's version before the command (null: none applied, or not known)
 * @param after      its version after it (for read-only commands, the same)
 * @param durationMs wall time spent on the target
 * @param summary    one line for the table ("applied 3", "2 pending", "clean")
 * @param problems   what validate, drift or status found, one line each
 * @param error      why the target failed or was skipped; null when it did not
 */
public record TargetResult(Target target, Status status, String before, String after, long durationMs, String summary,
                           List<String> problems, String error) {
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
        summary = summary == null ? "" : summary;
    }

    /** How a target came out; {@link #failure()} ones make the command exit 1. */
    public enum Status {
        /** done, or nothing to do and nothing wrong */
        OK("ok", false),
        /** read-only commands: migrations wait to be applied, nothing is wrong */
        PENDING("pending", false),
        /** the command ran and found problems (validation, drift) */
        PROBLEMS("problems", true),
        /** the command failed on the target (a migration failed, the database could not be reached, …) */
        FAILED("failed", true),
        /** not run: the canary or an earlier failure stopped the fleet */
        SKIPPED("skipped", true);

        private final String label;
        private final boolean failure;

        Status(String label, boolean failure) {
            this.label = label;
            this.failure = failure;
        }

        public String label() {
            return label;
        }

        public boolean failure() {
            return failure;
        }
    }

    /** A result of the work itself; the runner adds the duration. */
    public static TargetResult of(Target target, Status status, String before, String after, String summary,
                                  List<String> problems, String error) {
        return new TargetResult(target, status, before, after, 0, summary, problems, error);
    }

    TargetResult withDuration(long ms) {
        return new TargetResult(target, status, before, after, ms, summary, problems, error);
    }
}
