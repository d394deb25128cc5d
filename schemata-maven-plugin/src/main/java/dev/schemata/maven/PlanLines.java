package dev.schemata.maven;

import dev.schemata.diff.Hazard;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;

import java.util.ArrayList;
import java.util.List;

/** A plan as lines for the build's log: each step's SQL, its hazards, and what could not be compared. */
final class PlanLines {
    private PlanLines() {
    }

    static List<String> of(Plan plan) {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            List<String> sql = step.sql().strip().lines().toList();
            for (int i = 0; i < sql.size(); i++) {
                lines.add((i == 0 ? String.format("%3d. ", n) : "     ") + sql.get(i) + (i == sql.size() - 1 ? ";" : ""));
            }
            for (Hazard hazard : step.hazards()) {
                lines.add("     hazard " + hazard.kind() + ": " + hazard.reason());
            }
            if (!step.transactional()) {
                lines.add("     (runs outside a transaction)");
            }
        }
        plan.skipped().forEach(s -> lines.add("not compared (Schemata cannot represent it): " + s));
        return lines;
    }

    static String steps(Plan plan) {
        int n = plan.steps().size();
        long hazards = plan.steps().stream().mapToLong(s -> s.hazards().size()).sum();
        return n + " step" + (n == 1 ? "" : "s") + (hazards == 0 ? "" : ", " + hazards + " hazard" + (hazards == 1 ? "" : "s"));
    }
}
