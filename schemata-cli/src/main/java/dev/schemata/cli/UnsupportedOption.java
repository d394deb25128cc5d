package dev.schemata.cli;

import dev.schemata.diff.Plan;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --allow-unsupported} for the commands whose result would silently lack objects of a kind the
 * model cannot represent (dump-schema, generate, apply; drift and validate --schema, which cannot compare
 * them): without it they fail (exit 1) listing them; with it they go on, warn, and list them as skipped.
 */
final class UnsupportedOption {
    @Option(names = "--allow-unsupported", description = "Go on when the schema holds objects of a kind Schemata "
            + "does not represent (they are left out and listed); without it the command fails (exit 1) listing them.")
    boolean allowed;

    /** Throws (exit 1) when the plan skipped objects and that was not allowed; otherwise warns about them. */
    void check(Plan plan, String action, Output output) {
        check(plan.skipped(), action, output);
    }

    void check(List<String> skipped, String action, Output output) {
        if (!allowed) {
            Plan.requireNothingSkipped(skipped, action);
        } else if (!skipped.isEmpty()) {
            output.warn("left out (--allow-unsupported; Schemata does not represent them): " + String.join(", ", skipped));
        }
    }
}
