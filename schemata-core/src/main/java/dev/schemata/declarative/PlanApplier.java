package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;


import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs a plan on a connection. Consecutive transactional steps run in one transaction; a step that must run
 * outside one (a concurrent index build) first commits what came before it. Each step's lock and statement
 * timeouts are set just for that step. Function bodies are not checked while the plan runs (as pg_dump's
 * scripts do), so a function may name a table created later in the plan.
 *
 * <p>If a step fails, the open transaction rolls back and the error says which step failed and how many
 * steps before it were committed, so the user knows what state the database is in.
 */
public final class PlanApplier {
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Work done in the plan's last transaction, just before it commits (such as writing the history row). */
    @FunctionalInterface
    public interface BeforeCommit {
        void run(Connection connection) throws SQLException;
    }

    private PlanApplier() {
    }

    /** Runs every step; {@code beforeCommit} runs in the last transaction (opened for it if needed). */
    public static void apply(Connection c, Plan plan, BeforeCommit beforeCommit) {
        int index = 0;
        int committed = 0;
        boolean inTransaction = false;
        try {
            c.setAutoCommit(true);
            execute(c, "SET check_function_bodies = false");
            for (Step step : plan.steps()) {
                index++;
                if (step.transactional()) {
                    if (!inTransaction) {
                        c.setAutoCommit(false);
                        inTransaction = true;
                    }
                    execute(c, "SET LOCAL lock_timeout = " + millis(step.lockTimeout()));
                    execute(c, "SET LOCAL statement_timeout = " + millis(step.statementTimeout()));
                    Database.send(c, step.sql(), step.copyData());
                } else {
                    if (inTransaction) {
                        c.commit();
                        c.setAutoCommit(true);
                        inTransaction = false;
                        committed = index - 1;
                    }
                    execute(c, "SET lock_timeout = " + millis(step.lockTimeout()));
                    execute(c, "SET statement_timeout = " + millis(step.statementTimeout()));
                    try {
                        Database.send(c, step.sql(), step.copyData());
                    } finally {
                        execute(c, "RESET lock_timeout");
                        execute(c, "RESET statement_timeout");
                    }
                    committed = index;
                }
            }
            index = 0;
            if (beforeCommit != null) {
                if (!inTransaction) {
                    c.setAutoCommit(false);
                    inTransaction = true;
                }
                beforeCommit.run(c);
            }
            if (inTransaction) {
                c.commit();
                c.setAutoCommit(true);
            }
            execute(c, "RESET check_function_bodies");
        } catch (SQLException e) {
            rollback(c, inTransaction);
            throw failure(plan, index, committed, e);
        }
    }

    private static SchemataException failure(Plan plan, int index, int committed, SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        ErrorCode code = LOCK_NOT_AVAILABLE.equals(e.getSQLState()) ? ErrorCode.LOCK_TIMEOUT : ErrorCode.MIGRATION_FAILED;
        String state = committed == 0 ? "nothing was changed"
                : "steps 1-" + committed + " were committed and stay applied; run plan again to see what is left";
        if (index == 0) {
            return new SchemataException(code, "recording the apply failed: " + message + " (" + state + ")", e);
        }
        Step step = plan.steps().get(index - 1);
        String where = step.origin() == null ? "" : " (" + step.origin() + ")";
        return new SchemataException(code, "step " + index + " of " + plan.steps().size() + where + " failed: "
                + shorten(step.sql()) + "\n" + message + "\n(" + state + ")", e);
    }

    private static String shorten(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static void rollback(Connection c, boolean inTransaction) {
        try {
            if (inTransaction) {
                c.rollback();
            }
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; the failure itself is what the user needs to see
        }
    }

    private static String millis(Duration timeout) {
        return timeout == null ? "DEFAULT" : "'" + timeout.toMillis() + "ms'";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
