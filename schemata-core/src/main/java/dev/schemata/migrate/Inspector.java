package dev.schemata.migrate;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.Database;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.history.History;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.MigrationSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code status} and {@code validate}: read-only, they never create or change anything. */
public final class Inspector {
    private final ConnectionFactory connections;
    private final History history;

    public Inspector(ConnectionFactory connections, HistoryTable table) {
        this.connections = connections;
        this.history = new History(table);
    }

    public StatusReport status(MigrationSet set) {
        try (Connection c = connections.open()) {
            return StatusReport.of(set, history.read(c));
        } catch (SQLException e) {
            throw failure("reading the migration history", e);
        }
    }

    /**
     * Every row of the history table in the order written: applied migrations, baselines and the audit
     * trail of rollbacks. Empty when the table does not exist.
     */
    public List<HistoryRow> history() {
        try (Connection c = connections.open()) {
            return history.read(c);
        } catch (SQLException e) {
            throw failure("reading the migration history", e);
        }
    }

    /**
     * Checks that every applied migration still has its file with the same checksum, that nothing failed
     * or stopped part-way, that no pending migration sits below the applied version, and that the
     * required tables and indexes exist.
     */
    public ValidationResult validate(MigrationSet set, List<String> requiredTables, List<String> requiredIndexes) {
        return validate(set, history(), requiredTables, requiredIndexes);
    }

    /**
     * {@link #validate(MigrationSet, List, List)} with the history already read by {@link #history()} (while
     * the files were being read, say); connects again only to look for the required tables and indexes.
     */
    public ValidationResult validate(MigrationSet set, List<HistoryRow> rows, List<String> requiredTables,
            List<String> requiredIndexes) {
        StatusReport report = StatusReport.of(set, rows);
        List<String> problems = new ArrayList<>();
        for (MigrationStatus s : report.migrations()) {
            switch (s.state()) {
                case CHECKSUM_MISMATCH -> problems.add(s.file() + ": changed since it was applied (checksum differs);"
                        + " restore it, or accept with `schemata repair --accept-checksum " + s.version() + "`");
                case MISSING_FILE -> problems.add("version " + s.version() + " (" + s.file()
                        + ") is recorded as applied but its file is missing");
                case FAILED -> problems.add(s.file() + ": failed at statement " + s.resumeAt() + ": " + firstLine(s.error()));
                case BELOW_SQUASH -> problems.add(SquashedBaseline.belowMessage(s, report.current()));
                case OUT_OF_ORDER -> problems.add(s.file() + ": pending below the applied version " + report.current());
                case PENDING -> {
                    if (s.resumeAt() != null) {
                        problems.add(s.file() + ": stopped part-way; migrate resumes it at statement " + s.resumeAt());
                    }
                }
                default -> {
                }
            }
        }
        if (requiredTables.isEmpty() && requiredIndexes.isEmpty()) {
            return new ValidationResult(report, problems);
        }
        try (Connection c = connections.open()) {
            for (String table : requiredTables) {
                if (!exists(c, table, "r", "p")) {
                    problems.add("required table " + table + " does not exist");
                }
            }
            for (String index : requiredIndexes) {
                if (!exists(c, index, "i", "I")) {
                    problems.add("required index " + index + " does not exist");
                }
            }
            return new ValidationResult(report, problems);
        } catch (SQLException e) {
            throw failure("validating", e);
        }
    }

    private static boolean exists(Connection c, String name, String kind1, String kind2) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relkind::text FROM pg_catalog.pg_class c"
                + " WHERE c.oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && (rs.getString(1).equals(kind1) || rs.getString(1).equals(kind2));
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState())) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "\"" + name + "\" is not a valid [schema.]name: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static SchemataException failure(String what, SQLException e) {
        if (Database.isConnectionFailure(e)) {
            return new SchemataException(ErrorCode.CONNECTION_FAILED, "lost the connection while " + what + ": " + e.getMessage(), e);
        }
        return new SchemataException(ErrorCode.OPERATION_FAILED, "failed while " + what + ": " + e.getMessage(), e);
    }
}
