package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;
import dev.schemata.execute.Command;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Timeouts;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a plan on a connection through the execution engine ({@link Executor}): consecutive transactional
 * steps are one unit, run in one transaction; consecutive steps that must run outside one (a concurrent index
 * build) are a unit of their own, each step committed by itself. Each step's lock and statement timeouts are
 * set just for that step. Function bodies are not checked while the plan runs (as pg_dump's scripts do), so a
 * function may name a table created later in the plan.
 *
 * <p>If a step fails, its transaction rolls back and the error names the step as every path of the engine
 * names a statement ({@code init.sql:12: ERROR: …} for a statement of the schema file, {@code plan step 3 of
 * 7: ERROR: …} for a computed one) and says how many steps before it were committed, so the user knows what
 * state the database is in.
 */
public final class PlanApplier {
    private static final Pattern ORIGIN = Pattern.compile("(.*):([0-9]+)");

    /** Work done in the plan's last transaction, just before it commits (such as writing the history row). */
    @FunctionalInterface
    public interface BeforeCommit {
        void run(Connection connection) throws SQLException;
    }

    private PlanApplier() {
    }

    /** Runs every step; {@code beforeCommit} runs in the last transaction (opened for it if needed). */
    public static void apply(Connection c, Plan plan, BeforeCommit beforeCommit) {
        Executor executor = new Executor(c);
        List<Step> steps = plan.steps();
        int committed = 0;
        boolean[] recording = {false};
        Executor.Record record = sent -> {
            recording[0] = true;
            beforeCommit.run(c);
            return List.of();
        };
        try {
            c.setAutoCommit(true);
            executor.execute("SET check_function_bodies = false");
            for (int start = 0; start < steps.size(); ) {
                boolean transactional = steps.get(start).transactional();
                int end = start;
                while (end < steps.size() && steps.get(end).transactional() == transactional) {
                    end++;
                }
                Unit unit = unit(plan, start, end, transactional);
                if (!transactional) {
                    executor.outside(unit, 0, Executor.SILENT);
                } else if (end == steps.size() && beforeCommit != null) {
                    executor.inTransaction(unit, record);
                } else {
                    executor.inTransaction(unit, Executor.NOTHING);
                }
                committed = end;
                start = end;
            }
            if (beforeCommit != null && !recording[0]) {
                executor.inTransaction(Unit.empty("the plan's record"), record);
            }
            executor.execute("RESET check_function_bodies");
        } catch (UnitFailed e) {
            int applied = committed + e.completed();
            throw new SchemataException(e.code(), e.getMessage() + "\n  " + state(applied), e.sqlException());
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            ErrorCode code = Database.isConnectionFailure(e) ? ErrorCode.CONNECTION_FAILED : UnitFailed.codeOf(e);
            throw new SchemataException(code, (recording[0] ? "recording the apply failed: " : "running the plan failed: ")
                    + message + "\n  " + state(committed), e);
        }
    }

    private static String state(int committed) {
        return committed == 0 ? "nothing was changed (rolled back)"
                : "steps 1-" + committed + " were committed and stay applied; run plan again to see what is left";
    }

    /** Steps {@code start} to {@code end} (exclusive) as a unit, each with its own timeouts. */
    private static Unit unit(Plan plan, int start, int end, boolean transactional) {
        List<Command> commands = new ArrayList<>(end - start);
        int total = plan.steps().size();
        for (int i = start; i < end; i++) {
            Step step = plan.steps().get(i);
            String file = "plan step " + (i + 1) + " of " + total;
            int line = 0;
            Matcher origin = step.origin() == null ? null : ORIGIN.matcher(step.origin());
            if (origin != null && origin.matches()) {
                file = origin.group(1);
                line = Integer.parseInt(origin.group(2));
            } else if (step.origin() != null) {
                file = step.origin();
            }
            commands.add(new Command(step.sql(), step.copyData(), file, line, null,
                    Timeouts.of(step.lockTimeout(), step.statementTimeout())));
        }
        return Unit.of("steps " + (start + 1) + "-" + end, transactional, Timeouts.SERVER, commands);
    }
}
