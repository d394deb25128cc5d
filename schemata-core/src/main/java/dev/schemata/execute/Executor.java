package dev.schemata.execute;

import dev.schemata.connect.Database;
import dev.schemata.history.AdvisoryLock;
import dev.schemata.history.HistoryTable;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs {@link Unit}s on one connection. A transactional unit runs in one transaction that commits together
 * with the SQL that records it, in one round trip, or rolls back whole; a unit outside a transaction sends
 * each statement on its own, telling a {@link Listener} before and after each, so that its progress can be
 * recorded as it goes and the next run can resume after the completed statements.
 *
 * <p>Timeouts: those of a unit are set once at its start ({@code SET LOCAL} in a transaction, else {@code SET}
 * and {@code RESET} at its end); a statement with timeouts of its own gets them just before it (in a
 * transaction until the next such statement changes them; outside one reset right after it).
 */
public final class Executor {
    private final Connection c;

    public Executor(Connection c) {
        this.c = c;
    }

    public Connection connection() {
        return c;
    }

    /** Called around each statement sent outside a transaction, with its 1-based index in the unit. */
    public interface Listener {
        default void before(int index, Command command) throws SQLException {
        }

        default void after(int index, Command command) throws SQLException {
        }
    }

    /** No one listening. */
    public static final Listener SILENT = new Listener() {
    };

    /** The SQL that records a unit (history rows), written in the unit's transaction just before it commits. */
    @FunctionalInterface
    public interface Record {
        /**
         * @param sent how many statements the unit sent
         * @return the statements to send with COMMIT; work done here on the connection is in the transaction too
         */
        List<String> sql(int sent) throws SQLException;
    }

    /** Records nothing. */
    public static final Record NOTHING = sent -> List.of();

    /**
     * Takes the migration lock on this connection, waiting up to {@code timeout}: the units run on the session
     * that holds it. Closing the lock releases it and closes the connection.
     */
    public AdvisoryLock lock(HistoryTable table, Duration timeout, Consumer<String> notices) throws SQLException {
        return AdvisoryLock.acquire(c, table, timeout, notices);
    }

    /**
     * Runs a transactional unit and {@code record} in one transaction.
     *
     * @return how many statements were sent
     * @throws UnitFailed when a statement failed; nothing of the unit was applied
     */
    public int inTransaction(Unit unit, Record record) throws UnitFailed, SQLException {
        c.setAutoCommit(false);
        try {
            set(unit.timeouts(), true, false);
            int sent = send(unit, 0, SILENT, true);
            commitWith(record.sql(sent));
            return sent;
        } catch (UnitFailed | SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Runs a unit statement by statement outside a transaction, skipping the first {@code skip} (completed by
     * an earlier run).
     *
     * @return how many statements the unit has (the skipped ones included)
     * @throws UnitFailed when a statement failed; the statements before it stay applied
     */
    public int outside(Unit unit, int skip, Listener listener) throws UnitFailed, SQLException {
        c.setAutoCommit(true);
        set(unit.timeouts(), false, false);
        int sent;
        try {
            sent = send(unit, skip, listener, false);
        } catch (UnitFailed e) {
            reset(unit.timeouts());
            throw e;
        }
        reset(unit.timeouts());
        return sent;
    }

    /** Runs a unit the way it says: in a transaction with {@code record}, or outside one (then recording nothing). */
    public int run(Unit unit) throws UnitFailed, SQLException {
        return unit.transactional() ? inTransaction(unit, NOTHING) : outside(unit, 0, SILENT);
    }

    /** Runs one statement of the engine's own (a setting around the units), not one of a unit. */
    public void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rolls back the open transaction, if the connection still has one; for paths that failed before a unit. */
    public void rollbackQuietly() {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the server rolls back an aborted transaction when the session ends anyway
        }
    }

    private int send(Unit unit, int skip, Listener listener, boolean inTransaction) throws UnitFailed, SQLException {
        int[] index = {0};
        unit.commands().forEach(command -> {
            int current = ++index[0];
            if (current <= skip) {
                return;
            }
            listener.before(current, command);
            boolean own = command.timeouts() != null;
            if (own) {
                set(command.timeouts(), inTransaction, true);
            }
            boolean resetAfter = own && !inTransaction;
            try {
                Database.send(c, command.sql(), command.copyData());
            } catch (SQLException e) {
                if (Database.isConnectionFailure(e) || c.isClosed()) {
                    throw e;
                }
                if (resetAfter) {
                    reset(command.timeouts());
                }
                throw new UnitFailed(command, current, inTransaction ? 0 : current - 1, e);
            }
            if (resetAfter) {
                reset(command.timeouts());
            }
            listener.after(current, command);
        });
        return index[0];
    }

    /** The statements that set {@code timeouts}; with {@code both}, a null field resets to the server's. */
    public static List<String> settings(Timeouts timeouts, boolean local, boolean both) {
        String scope = local ? "SET LOCAL " : "SET ";
        List<String> statements = new ArrayList<>(2);
        if (timeouts.lock() != null || both) {
            statements.add(scope + "lock_timeout = " + value(timeouts.lock()));
        }
        if (timeouts.statement() != null || both) {
            statements.add(scope + "statement_timeout = " + value(timeouts.statement()));
        }
        return statements;
    }

    private static String value(String timeout) {
        return timeout == null ? "DEFAULT" : "'" + timeout + "'";
    }

    private void set(Timeouts timeouts, boolean local, boolean both) throws SQLException {
        for (String sql : settings(timeouts, local, both)) {
            execute(sql);
        }
    }

    private void reset(Timeouts timeouts) throws SQLException {
        if (timeouts.lock() != null) {
            execute("RESET lock_timeout");
        }
        if (timeouts.statement() != null) {
            execute("RESET statement_timeout");
        }
    }

    /** Sends the recording SQL and COMMIT in one round trip; a failure of either is the server's own error. */
    private void commitWith(List<String> record) throws SQLException {
        if (record.isEmpty()) {
            c.commit();
            return;
        }
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            for (String sql : record) {
                s.addBatch(sql);
            }
            s.addBatch("COMMIT");
            s.executeBatch();
        } catch (BatchUpdateException e) {
            throw e.getNextException() != null ? e.getNextException() : e;
        }
    }
}
