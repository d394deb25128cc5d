package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.history.AdvisoryLock;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code baseline} and {@code repair}: they change only the history (and our own invalid indexes), under the lock. */
public final class Maintenance {
    private final ConnectionFactory connections;
    private final History history;
    private final Duration lockTimeout;
    private final Consumer<String> progress;

    public Maintenance(ConnectionFactory connections, HistoryTable table, Duration lockTimeout, Consumer<String> progress) {
        this.connections = connections;
        this.history = new History(table);
        this.lockTimeout = lockTimeout;
        this.progress = progress;
    }

    /**
     * Adopts an existing database (built from {@code init.sql}, or by hand): versions up to {@code version}
     * count as applied without running. Refused when the history already records migrations.
     */
    public void baseline(MigrationSet set, Version version, String description) {
        try (Connection c = connections.open();
             AdvisoryLock lock = AdvisoryLock.acquire(c, history.table(), lockTimeout, progress)) {
            history.ensure(c, progress);
            List<HistoryRow> rows = history.read(c);
            Optional<HistoryRow> existing = rows.stream().filter(HistoryRow::countsAsApplied).findFirst();
            if (existing.isPresent()) {
                throw new SchemataException(ErrorCode.MIGRATION_FAILED, "cannot baseline: " + history.table()
                        + " already records version " + existing.get().version() + "; baseline is for databases without history");
            }
            String file = set.find(version).map(Migration::relativePath).orElse("<< baseline >>");
            history.insert(c, new History.NewRow(version.text(), file, description == null ? "baseline" : description,
                    HistoryKind.BASELINE, null, 0L, true, 0, null));
            progress.accept("baselined at version " + version + ": migrations up to it count as applied");
        } catch (SQLException e) {
            throw Inspector.failure("baselining", e);
        }
    }

    /**
     * Removes failed rows, drops indexes left INVALID by our own failed concurrent builds, and, if asked,
     * re-records the checksum of one version after an intentional edit. A migration that ran outside a
     * transaction and completed some statements keeps its row as a resume point (its error cleared), so
     * the next migrate does not run those statements twice.
     */
    public RepairResult repair(MigrationSet set, Version acceptChecksum) {
        List<String> removed = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> resumable = new ArrayList<>();
        String accepted = null;
        try (Connection c = connections.open();
             AdvisoryLock lock = AdvisoryLock.acquire(c, history.table(), lockTimeout, progress)) {
            c.setAutoCommit(true);
            history.ensure(c, progress);
            for (HistoryRow row : history.read(c)) {
                if (row.success()) {
                    continue;
                }
                for (String index : Migrator.existingInvalid(c, row.invalidIndexes())) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                    }
                    dropped.add(index);
                    progress.accept("dropped invalid index " + index + " left by " + row.filename());
                }
                if (row.statementsRun() == null || row.statementsRun() == 0) {
                    history.delete(c, row.id());
                    removed.add(row.filename());
                    progress.accept("removed the failed row of " + row.filename());
                } else {
                    history.clearInvalidIndexes(c, row.id());
                    clearError(c, row.id());
                    resumable.add(row.filename());
                    progress.accept(row.filename() + ": " + row.statementsRun()
                            + " statements completed; migrate resumes at statement " + (row.statementsRun() + 1));
                }
            }
            if (acceptChecksum != null) {
                Migration m = set.find(acceptChecksum).orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                        "no migration file with version " + acceptChecksum + " in the " + set.location()));
                HistoryRow row = history.read(c).stream()
                        .filter(r -> r.kind() == HistoryKind.VERSIONED && r.version() != null
                                && Version.tryParse(r.version()).map(v -> v.compareTo(acceptChecksum) == 0).orElse(false))
                        .findFirst().orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                                "version " + acceptChecksum + " is not recorded as applied; nothing to accept"));
                history.setChecksum(c, row.id(), m.checksum());
                accepted = acceptChecksum.text();
                progress.accept("accepted the new checksum of " + m.relativePath());
            }
            return new RepairResult(removed, dropped, resumable, accepted);
        } catch (SQLException e) {
            throw Inspector.failure("repairing", e);
        }
    }

    private void clearError(Connection c, long id) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE " + history.table().sql() + " SET error = NULL WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
