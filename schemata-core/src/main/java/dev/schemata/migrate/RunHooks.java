package dev.schemata.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Work around a migrate run that needs the migration lock but is not migrating: linting what is about
 * to run, taking a backup before the first change, recording table sizes before and after. Called only
 * when something is pending, under the lock, on the run's connection (auto-commit on), never for a dry run.
 */
public interface RunHooks {
    RunHooks NONE = new RunHooks() {
    };

    /**
     * Before the first change (the history table may not exist yet). An exception stops the run with
     * nothing changed.
     *
     * @param pending the migrations this run is about to apply, in order, as read for the run (each plan's
     *                {@code source()} is the migration)
     * @return the backup to record in the history rows of this run, or null
     */
    default String beforeChanges(Connection connection, List<ScriptPlan> pending) throws SQLException {
        return null;
    }

    /** After the last migration of a run in which every pending migration was applied. */
    default void afterChanges(Connection connection) throws SQLException {
    }
}
