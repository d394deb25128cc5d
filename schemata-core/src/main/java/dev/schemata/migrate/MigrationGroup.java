package dev.schemata.migrate;

import dev.schemata.connect.Database;
import dev.schemata.execute.Command;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.history.History;
import dev.schemata.history.HistoryRow;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends consecutive small migrations as one batch, each as BEGIN, its timeouts, its statements, its history
 * row and COMMIT (the statements and timeouts of each as the engine's {@link Unit} has them), so that the server works through them back to back instead of waiting for the client
 * between statements. Each migration still commits with its history row or not at all, and nothing after a
 * failed statement runs: the server skips the rest of the batch (and the driver sends nothing more once it
 * has seen an error), and the failed migration's transaction is rolled back. The history table then shows
 * which migrations were committed.
 */
final class MigrationGroup {
    /** Statements in one batch, ours included; below 1,000, so the driver writes the failed one's index plainly. */
    static final int MAX_ENTRIES = 900;
    private static final Pattern FIRST_NUMBER = Pattern.compile("[0-9]+");

    private MigrationGroup() {
    }

    /**
     * What came of sending a group.
     *
     * @param recorded        the history rows of the migrations committed, from the group's start, in order
     * @param failure         the server's error when not all were committed, else null
     * @param failedCommand   the statement of the next migration that failed, when the driver said which;
     *                        null when the failure was not one of the file's statements (a deferred constraint
     *                        checked at COMMIT, say) or could not be placed
     */
    record Outcome(List<HistoryRow> recorded, SQLException failure, Command failedCommand) {
    }

    /** The most batch entries a migration takes: BEGIN, two timeouts, its statements, its history row, COMMIT. */
    static int entries(ScriptPlan plan) {
        return plan.statementCount() + 5;
    }

    static Outcome send(Connection c, History history, List<ScriptPlan> plans, List<Unit> units,
                        List<History.NewRow> rows) throws SQLException {
        List<Integer> owners = new ArrayList<>();
        List<Command> sources = new ArrayList<>();
        BatchUpdateException failure = null;
        try (java.sql.Statement batch = c.createStatement()) {
            batch.setEscapeProcessing(false);
            for (int g = 0; g < units.size(); g++) {
                int owner = g;
                add(batch, "BEGIN", g, null, owners, sources);
                for (String set : Executor.settings(units.get(g).timeouts(), true, false)) {
                    add(batch, set, g, null, owners, sources);
                }
                units.get(g).commands().forEach(command -> add(batch, command.sql(), owner, command, owners, sources));
                add(batch, history.insertTimedByServer(rows.get(g)), g, null, owners, sources);
                add(batch, "COMMIT", g, null, owners, sources);
            }
            batch.executeBatch();
        } catch (BatchUpdateException e) {
            if (Database.isConnectionFailure(e) || c.isClosed()) {
                throw e;
            }
            failure = e;
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            }
        } catch (UnitFailed e) {
            throw new IllegalStateException("nothing is sent while a batch is put together", e);
        }
        List<HistoryRow> latest = history.latest(c, plans.size());
        int done = recordedPrefix(plans, latest);
        List<HistoryRow> recorded = latest.subList(latest.size() - done, latest.size());
        if (done == plans.size()) {
            return new Outcome(recorded, null, null);
        }
        if (failure == null) {
            throw new SQLException("the history table does not show " + plans.get(done).source().relativePath()
                    + " as applied although the server reported no error");
        }
        SQLException cause = failure.getNextException() != null ? failure.getNextException() : failure;
        int entry = failedEntry(failure);
        boolean placed = entry >= 0 && entry < owners.size() && owners.get(entry) == done;
        return new Outcome(recorded, cause, placed ? sources.get(entry) : null);
    }

    private static void add(java.sql.Statement batch, String sql, int owner, Command source, List<Integer> owners,
                            List<Command> sources) throws SQLException {
        batch.addBatch(sql);
        owners.add(owner);
        sources.add(source);
    }

    /**
     * How many migrations of the group, from its start, the latest history rows show as applied: before the
     * group ran, no pending migration had a successful row with its file and checksum as the latest rows.
     */
    private static int recordedPrefix(List<ScriptPlan> plans, List<HistoryRow> latest) {
        for (int p = Math.min(plans.size(), latest.size()); p > 0; p--) {
            boolean match = true;
            for (int g = 0; g < p && match; g++) {
                HistoryRow row = latest.get(latest.size() - p + g);
                ScriptPlan plan = plans.get(g);
                match = row.success() && plan.source().relativePath().equals(row.filename())
                        && plan.source().checksum().equals(row.checksum());
            }
            if (match) {
                return p;
            }
        }
        return 0;
    }

    /**
     * The index of the batch entry that failed, or -1: the driver states it only in its message ("Batch entry
     * 12 …"; the first number in each of its translations too), so {@link #send} checks it against the history.
     */
    static int failedEntry(SQLException e) {
        Matcher m = FIRST_NUMBER.matcher(String.valueOf(e.getMessage()));
        if (!m.find() || m.group().length() > 6) {
            return -1;
        }
        return Integer.parseInt(m.group());
    }
}
