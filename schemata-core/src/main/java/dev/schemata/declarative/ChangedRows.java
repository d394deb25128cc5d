package dev.schemata.declarative;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.diff.Hazard;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts, on the target, the rows a plan's hazards concern (the stored values a type change would change or
 * reject) and adds the count to each hazard's reason, so that {@code plan} and a refused {@code apply} say
 * how much data is at stake. Each count runs in a read-only transaction that is rolled back: the target is
 * left as it was. A count that cannot be made says so in the reason instead.
 */
final class ChangedRows {
    private ChangedRows() {
    }

    /**
     * @param renamesFirst the plan starts with renames: its later steps name objects the target does not have
     *                     yet, so nothing is counted
     */
    static Plan count(ConnectionFactory target, Plan plan, boolean renamesFirst) {
        if (plan.steps().stream().flatMap(s -> s.hazards().stream()).noneMatch(h -> h.rowCheck() != null)) {
            return plan;
        }
        try (Connection c = target.open()) {
            List<Step> steps = new ArrayList<>();
            for (Step step : plan.steps()) {
                List<Hazard> hazards = new ArrayList<>();
                for (Hazard hazard : step.hazards()) {
                    if (hazard.rowCheck() == null) {
                        hazards.add(hazard);
                    } else if (renamesFirst) {
                        hazards.add(hazard.withCheckResult("The stored values were not counted: the plan renames objects first."));
                    } else {
                        hazards.add(hazard.withCheckResult(run(c, hazard.rowCheck())));
                    }
                }
                steps.add(new Step(step.sql(), hazards, step.transactional(), step.lockTimeout(), step.statementTimeout()));
            }
            return new Plan(steps, plan.sourceChecksum(), plan.skipped());
        } catch (SQLException e) {
            throw target.failure(e);
        }
    }

    private static String run(Connection c, String check) throws SQLException {
        c.setAutoCommit(false);
        String result;
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
            s.execute(check);
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('" + Hazard.ROW_CHECK_SETTING + "')")) {
                rs.next();
                result = describe(rs.getString(1));
            }
        } catch (SQLException e) {
            result = "The stored values could not be counted: " + String.valueOf(e.getMessage()).strip();
        }
        c.rollback(); // a lost connection fails here, and is reported as such
        c.setAutoCommit(true);
        return result;
    }

    /** {@code "changed total"} in words. */
    private static String describe(String counts) {
        String[] parts = counts.split(" ");
        long changed = Long.parseLong(parts[0]);
        long total = Long.parseLong(parts[1]);
        String values = total + " stored value" + (total == 1 ? "" : "s");
        return changed == 0 ? "On the target, none of the " + values + " would change now (rows written before the apply still may)."
                : "On the target, " + changed + " of the " + values + " would change or fail to convert.";
    }
}
