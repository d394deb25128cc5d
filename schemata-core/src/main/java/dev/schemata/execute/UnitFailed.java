package dev.schemata.execute;

import dev.schemata.ErrorCode;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * A statement of a unit failed on the server (the connection itself is fine). A transactional unit has
 * been rolled back; of a unit outside a transaction, {@link #completed()} statements stayed applied.
 */
public final class UnitFailed extends Exception {
    private static final int MAX_QUOTED_SQL = 1024;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final transient Command command;
    private final int index;
    private final int completed;
    private final SQLException cause;

    UnitFailed(Command command, int index, int completed, SQLException cause) {
        super(describe(command, cause), cause);
        this.command = command;
        this.index = index;
        this.completed = completed;
        this.cause = cause;
    }

    public Command command() {
        return command;
    }

    /** The failed statement's 1-based position among the unit's statements. */
    public int index() {
        return index;
    }

    /** How many statements of the unit are applied: none for a transaction, those before it outside one. */
    public int completed() {
        return completed;
    }

    public SQLException sqlException() {
        return cause;
    }

    /** A statement that waited longer than its {@code lock_timeout} is a lock timeout (exit 4); else a failure. */
    public ErrorCode code() {
        return codeOf(cause);
    }

    /** {@link #code()} of a statement's failure known only by the server's error. */
    public static ErrorCode codeOf(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState()) ? ErrorCode.LOCK_TIMEOUT : ErrorCode.MIGRATION_FAILED;
    }

    /**
     * {@code file:line: ERROR: message}, the server's detail and hint, and the statement, shortened. The line
     * is the one the server's error position points at, when it gives one.
     */
    public static String describe(Command command, SQLException e) {
        int line = command.line();
        String message = e.getMessage();
        String detail = null;
        String hint = null;
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage server = pe.getServerErrorMessage();
            message = server.getSeverity() + ": " + server.getMessage();
            detail = server.getDetail();
            hint = server.getHint();
            if (line > 0 && server.getPosition() > 0) {
                line += newlines(command.sql(), Math.min(server.getPosition() - 1, command.sql().length()));
            }
        }
        StringBuilder out = new StringBuilder(command.file() + (line > 0 ? ":" + line : "") + ": " + message);
        if (detail != null) {
            out.append("\n  DETAIL: ").append(detail);
        }
        if (hint != null) {
            out.append("\n  HINT: ").append(hint);
        }
        String sql = command.sql().length() > MAX_QUOTED_SQL ? command.sql().substring(0, MAX_QUOTED_SQL) + " …" : command.sql();
        out.append("\n  in statement: ").append(sql.replace("\n", "\n    "));
        return out.toString();
    }

    /** Line breaks in {@code s} before {@code end}. */
    public static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
