package dev.schemata.declarative;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.diff.Plan;
import dev.schemata.history.AdvisoryLock;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a plan on the target under the migration lock and records it in the history table as a declarative
 * apply, with the checksum of the schema file, in the plan's last transaction.
 */
public final class DeclarativeApply {
    private DeclarativeApply() {
    }

    /**
     * What was done.
     *
     * @param backup the backup taken before the change and recorded with it, or null
     */
    public record Result(int steps, long elapsedMs, boolean recorded, String backup) {
    }

    /**
     * @param schemaFile the file name to record (null when the desired schema was not a file)
     * @param backup     called under the lock before the first change: takes the backup to record (null for
     *                   none); an exception stops the apply with nothing changed
     */
    public static Result apply(ConnectionFactory target, Plan plan, HistoryTable table, String schemaFile,
                               Duration lockWait, Supplier<String> backup, Consumer<String> notices) {
        if (plan.isEmpty()) {
            return new Result(0, 0, false, null);
        }
        History history = new History(table);
        long started = System.nanoTime();
        try (AdvisoryLock ignored = AdvisoryLock.acquire(target.open(), table, lockWait, notices);
             Connection c = target.open()) {
            String backupFile = backup.get();
            history.ensure(c, notices);
            PlanApplier.apply(c, plan, connection -> {
                long ms = (System.nanoTime() - started) / 1_000_000;
                String description = plan.asWritten() ? "declarative apply: schema file run as written" : "declarative apply";
                history.insert(connection, new History.NewRow(null, schemaFile, description, HistoryKind.DECLARATIVE,
                        plan.sourceChecksum(), ms, true, plan.steps().size(), backupFile));
            });
            return new Result(plan.steps().size(), (System.nanoTime() - started) / 1_000_000, true, backupFile);
        } catch (SQLException e) {
            throw target.failure(e);
        }
    }
}
