package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.history.AdvisoryLock;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.DownMigration;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Undoes applied migrations with their down migrations, newest first. Like {@link Migrator}, it reads every
 * down file and checks every reason to refuse before the first change, and each down commits together with
 * the removal of its history row and the insertion of a {@code rollback} row (the audit trail: who, when,
 * which version, how long). A down holding statements PostgreSQL refuses inside a transaction runs statement
 * by statement; its rollback row records the progress, and the next rollback resumes after the completed
 * statements.
 *
 * <p>{@link #planRestore} and {@link #restore} are the other way back, for migrations that cannot be undone:
 * the backup recorded for the run that applied them is restored.
 */
public final class Rollback {
    private final ConnectionFactory connections;
    private final History history;
    private final Consumer<String> progress;

    public Rollback(ConnectionFactory connections, HistoryTable table, Consumer<String> progress) {
        this.connections = connections;
        this.history = new History(table);
        this.progress = progress;
    }

    // ---------------------------------------------------------------- rollback

    public RollbackResult rollback(MigrationSet set, RollbackOptions options) {
        long started = System.nanoTime();
        List<RolledBackMigration> done = new ArrayList<>();
        String phase = "connecting";
        try (Connection c = connections.open()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (options.dryRun()) {
                List<HistoryRow> rows = history.read(c);
                return dryRun(set, rows, plan(set, rows, options, major), options, started);
            }
            phase = "taking the migration lock";
            // Held by the session that runs the downs, as migrate does: a killed run's last statement keeps it.
            Executor executor = new Executor(c);
            try (AdvisoryLock lock = executor.lock(history.table(), options.lockTimeout(), progress)) {
                phase = "reading the history table";
                List<HistoryRow> rows = history.read(c);
                List<Step> steps = plan(set, rows, options, major);
                String before = StatusReport.of(set, rows).current();
                if (steps.isEmpty()) {
                    progress.accept("nothing to roll back: " + (before == null ? "no migration is applied" : "at version " + before));
                }
                for (Step step : steps) {
                    phase = "rolling back " + step.migration().relativePath();
                    RolledBackMigration undone = step.plan().transactional() ? inTransaction(executor, step) : outside(executor, step);
                    done.add(undone);
                    progress.accept(String.format("rolled back %s (%d ms%s)", step.migration().label(), undone.executionMs(),
                            undone.transactional() ? "" : ", outside a transaction"));
                }
                String after = StatusReport.of(set, history.read(c)).current();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (!done.isEmpty()) {
                    progress.accept(String.format("rolled back %d migration%s in %.1f s; now at version %s", done.size(),
                            done.size() == 1 ? "" : "s", elapsed.toMillis() / 1000.0, after == null ? "none" : after));
                }
                return new RollbackResult(before, after, done, elapsed, List.of());
            }
        } catch (StepFailed e) {
            throw new RollbackFailedException(e.code, summary(done) + e.getMessage(), done, e.getCause());
        } catch (SQLException e) {
            ErrorCode code = Database.isConnectionFailure(e) ? ErrorCode.CONNECTION_FAILED : ErrorCode.MIGRATION_FAILED;
            throw new RollbackFailedException(code, summary(done) + "failed while " + phase + " on "
                    + connections.describe() + ": " + e.getMessage(), done, e);
        }
    }

    private static String summary(List<RolledBackMigration> done) {
        if (done.isEmpty()) {
            return "";
        }
        return "rolled back " + done.size() + " migration" + (done.size() == 1 ? "" : "s") + " (down to "
                + done.get(done.size() - 1).version() + "), then: ";
    }

    /**
     * One migration to undo: its applied row, its down and, for a down that stopped part-way outside a
     * transaction in an earlier run, that run's rollback row.
     */
    private record Step(HistoryRow row, Migration migration, DownMigration down, ScriptPlan plan, Unit unit,
                        HistoryRow resumeRow) {
    }

    /** Chooses what to undo and checks every reason to refuse; reads every down file. Changes nothing. */
    private List<Step> plan(MigrationSet set, List<HistoryRow> rows, RollbackOptions options, int major) {
        List<HistoryRow> chosen = choose(rows, options);
        List<String> refusals = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (HistoryRow row : chosen) {
            Optional<Migration> found = Version.tryParse(row.version()).flatMap(set::find);
            if (found.isEmpty()) {
                refusals.add("version " + row.version() + " (" + row.filename()
                        + ") is recorded as applied but its file is missing from the " + set.location()
                        + ", so there is no down migration to run");
                continue;
            }
            Migration m = found.get();
            if (m.down().isEmpty()) {
                refusals.add(m.label() + ": no down migration (expected " + expectedDown(m) + ")");
                continue;
            }
            if (!row.success() && !options.force()) {
                refusals.add(m.label() + ": recorded as failed" + (row.statementsRun() == null ? "" : " after "
                        + row.statementsRun() + " statement" + (row.statementsRun() == 1 ? "" : "s"))
                        + ", so its down may not match what ran; fix it with migrate or repair, or pass --force to run the down anyway");
                continue;
            }
            if (!StatusReport.checksumMatches(row.checksum(), m) && !options.force()) {
                refusals.add(m.label() + ": " + m.relativePath() + " changed since it was applied (checksum differs),"
                        + " so its down may not match what ran; restore the file, or pass --force to run the down anyway");
                continue;
            }
            DownMigration down = m.down().get();
            ScriptPlan plan = ScriptRunner.plan(down, major, options.placeholders());
            steps.add(new Step(row, m, down, plan, ScriptRunner.unit(plan, options.placeholders()), resumeRow(rows, row)));
        }
        if (!refusals.isEmpty()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "rollback refused, nothing was changed:\n  - "
                    + String.join("\n  - ", refusals));
        }
        return steps;
    }

    /** The applied rows to undo, newest first (the reverse of the order they were applied in). */
    private List<HistoryRow> choose(List<HistoryRow> rows, RollbackOptions options) {
        List<HistoryRow> applied = rows.stream()
                .filter(r -> r.countsAsApplied() && r.version() != null && Version.tryParse(r.version()).isPresent())
                .sorted(Comparator.comparingLong(HistoryRow::id).reversed())
                .toList();
        List<HistoryRow> chosen;
        if (options.to() != null) {
            chosen = applied.stream().filter(r -> Version.parse(r.version()).compareTo(options.to()) > 0).toList();
        } else {
            if (options.steps() > applied.size()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "rollback refused, nothing was changed: "
                        + (applied.isEmpty() ? "no migration is applied" : "only " + applied.size() + " migration"
                        + (applied.size() == 1 ? " is" : "s are") + " applied")
                        + ", cannot roll back " + options.steps());
            }
            chosen = applied.subList(0, options.steps());
        }
        for (HistoryRow row : chosen) {
            if (row.kind() == HistoryKind.BASELINE) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "rollback refused, nothing was changed: version "
                        + row.version() + " is the baseline; the migrations up to it were never run here, so they cannot be"
                        + " rolled back (restore a backup instead)");
            }
        }
        return chosen;
    }

    /**
     * The rollback row of an earlier run whose down stopped part-way outside a transaction. Like a migration
     * that stopped part-way, it resumes after the completed statements even when the file was fixed since:
     * fixing the failed statement is what the user is told to do.
     */
    private static HistoryRow resumeRow(List<HistoryRow> rows, HistoryRow applied) {
        HistoryRow resume = null;
        for (HistoryRow r : rows) {
            if (r.kind() == HistoryKind.ROLLBACK && !r.success() && r.id() > applied.id()
                    && applied.version().equals(r.version())) {
                resume = r;
            }
        }
        return resume;
    }

    /** Where the down migration of {@code m} would be, in its own layout. */
    static String expectedDown(Migration m) {
        String path = m.relativePath();
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        return switch (m.layout()) {
            case DIESEL -> folder + "down.sql";
            case DBMATE -> "a '-- migrate:down' section in " + path;
            case FLYWAY -> folder + "U" + name.substring(1);
            case UP_DOWN_FILES -> folder + name.replaceFirst("\\.up\\.sql$", ".down.sql");
            case NUMBERED -> folder + name.replaceFirst("\\.sql$", ".down.sql");
        };
    }

    // ---------------------------------------------------------------- undoing one migration

    /** A down failed; carries the exit code class. */
    private static final class StepFailed extends Exception {
        final ErrorCode code;

        StepFailed(ErrorCode code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    private RolledBackMigration inTransaction(Executor executor, Step step) throws SQLException, StepFailed {
        long t0 = System.nanoTime();
        long[] ms = {0};
        try {
            int statements = executor.inTransaction(step.unit(), sent -> {
                ms[0] = (System.nanoTime() - t0) / 1_000_000;
                List<String> record = new ArrayList<>(3);
                record.add(history.deleteSql(step.row().id()));
                if (step.resumeRow() != null) {
                    record.add(history.deleteSql(step.resumeRow().id()));
                }
                record.add(history.insertLiteral(auditRow(step, ms[0], true, sent)));
                return record;
            });
            return undone(step, ms[0], statements, true);
        } catch (UnitFailed e) {
            throw new StepFailed(e.code(), e.getMessage() + "\n  nothing of " + step.down().relativePath()
                    + " was applied (rolled back); version " + step.row().version() + " is still applied", e.sqlException());
        }
    }

    /**
     * Runs a down whose statements cannot share a transaction. Its rollback row is written first (not yet
     * successful) and updated after every statement; at the end the applied row goes and the rollback row is
     * marked successful in one transaction.
     */
    private RolledBackMigration outside(Executor executor, Step step) throws SQLException, StepFailed {
        Connection c = executor.connection();
        long t0 = System.nanoTime();
        c.setAutoCommit(true);
        int skip = 0;
        long id;
        if (step.resumeRow() != null) {
            id = step.resumeRow().id();
            skip = step.resumeRow().statementsRun() == null ? 0 : step.resumeRow().statementsRun();
            if (skip > 0) {
                progress.accept("resuming the rollback of " + step.migration().label() + " at statement " + (skip + 1)
                        + " of " + step.plan().statementCount() + " (" + skip + " completed by an earlier run)");
            }
        } else {
            id = history.insert(c, auditRow(step, null, false, 0));
        }
        progress.accept("rolling back " + step.migration().label() + " outside a transaction (" + step.plan().outsideReason() + ")");
        Set<String> invalidBefore = new HashSet<>(Migrator.allInvalidIndexes(c));
        try {
            int statements = executor.outside(step.unit(), skip, Migrator.progressRecorder(history, c, id));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            executor.inTransaction(Unit.empty(step.down().relativePath()), sent -> List.of(history.deleteSql(step.row().id()),
                    history.succeedSql(id, step.down().checksum(), ms, statements)));
            return undone(step, ms, statements, false);
        } catch (UnitFailed e) {
            List<String> leftInvalid = new ArrayList<>(Migrator.allInvalidIndexes(c));
            leftInvalid.removeAll(invalidBefore);
            String message = e.getMessage();
            history.fail(c, id, e.completed(), message, leftInvalid);
            throw new StepFailed(e.code(), message + "\n  " + e.completed() + " of "
                    + step.plan().statementCount() + " statements of " + step.down().relativePath()
                    + " completed (it runs outside a transaction); version " + step.row().version()
                    + " is still applied. Fix the statement and roll back again: it resumes at statement "
                    + (e.completed() + 1), e.sqlException());
        }
    }

    private static History.NewRow auditRow(Step step, Long ms, boolean success, int statements) {
        return new History.NewRow(step.row().version(), step.down().relativePath(), step.migration().description(),
                HistoryKind.ROLLBACK, step.down().checksum(), ms, success, statements, null);
    }

    private static RolledBackMigration undone(Step step, long ms, int statements, boolean transactional) {
        return new RolledBackMigration(step.row().version(), step.migration().description(), step.down().relativePath(),
                ms, statements, transactional);
    }

    // ---------------------------------------------------------------- dry run

    private RollbackResult dryRun(MigrationSet set, List<HistoryRow> rows, List<Step> steps, RollbackOptions options,
                                  long started) {
        List<String> sql = new ArrayList<>();
        for (Step step : steps) {
            boolean tx = step.plan().transactional();
            sql.add("-- " + step.down().relativePath() + " (rolls back " + step.migration().label()
                    + (tx ? "" : "; outside a transaction: " + step.plan().outsideReason()) + ")");
            if (tx) {
                sql.add("BEGIN;");
            }
            ScriptRunner.forEach(step.plan(), st -> sql.add(ScriptRunner.substitute(st.sql(), options.placeholders()) + ";"
                    + (st.copyData() == null ? "" : "\n" + st.copyData() + "\\.")));
            sql.add("DELETE FROM " + history.table().sql() + " WHERE id = " + step.row().id() + ";");
            sql.add(history.insertLiteral(auditRow(step, 0L, true, step.plan().statementCount())) + ";");
            if (tx) {
                sql.add("COMMIT;");
            }
        }
        String current = StatusReport.of(set, rows).current();
        return new RollbackResult(current, current, List.of(), Duration.ofNanos(System.nanoTime() - started), sql);
    }

    // ---------------------------------------------------------------- restore

    /**
     * Finds the backup to restore instead of running downs: the one recorded for the run of the oldest
     * migration to undo. Restoring it takes the database back to before that run, so the plan lists every
     * migration applied since. Changes nothing.
     *
     * @param backupBase where relative backup paths in the history are resolved
     * @throws SchemataException when no backup is recorded, or the file is gone
     */
    public RestorePlan planRestore(MigrationSet set, RollbackOptions options, Path backupBase) {
        try (Connection c = connections.open()) {
            List<HistoryRow> rows = history.read(c);
            List<HistoryRow> chosen = choose(rows, options);
            if (chosen.isEmpty()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "nothing to restore: no applied migration is above "
                        + options.to());
            }
            HistoryRow oldest = chosen.get(chosen.size() - 1);
            if (oldest.backup() == null || oldest.backup().isBlank()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "no backup is recorded for the run that applied "
                        + oldest.version() + " (" + oldest.filename() + "); restore refused, nothing was changed."
                        + " Take a backup before migrating (the backup column of " + history.table() + " names it),"
                        + " or roll back with the down migrations");
            }
            Path file = backupBase.resolve(oldest.backup()).normalize();
            if (!Files.isRegularFile(file)) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "the backup recorded for " + oldest.version()
                        + " is missing: " + file + "; restore refused, nothing was changed");
            }
            // Everything applied after the backup was taken goes back with it.
            long firstId = rows.stream().filter(r -> oldest.backup().equals(r.backup()) && r.countsAsApplied())
                    .mapToLong(HistoryRow::id).min().orElse(oldest.id());
            List<HistoryRow> undone = rows.stream().filter(r -> r.countsAsApplied() && r.version() != null && r.id() >= firstId)
                    .sorted(Comparator.comparingLong(HistoryRow::id).reversed()).toList();
            HistoryRow first = undone.get(undone.size() - 1);
            return new RestorePlan(file, first.version(), undone.stream().map(HistoryRow::version).toList(), first.appliedAt());
        } catch (SQLException e) {
            throw Inspector.failure("reading the migration history", e);
        }
    }

    /** The highest successfully applied version in the history, as {@code status} reports it without the files. */
    private static String current(List<HistoryRow> rows) {
        return rows.stream().filter(r -> r.countsAsApplied() && r.success() && r.version() != null)
                .map(r -> Version.tryParse(r.version())).flatMap(Optional::stream)
                .max(Comparator.naturalOrder()).map(Version::text).orElse(null);
    }

    /**
     * Restores the planned backup into the target under the migration lock, then records the audit trail:
     * the restored history no longer lists the undone migrations (rows still there, for a backup without
     * the history table, are removed), and one {@code rollback} row per undone version names the backup.
     */
    public RollbackResult restore(RestorePlan plan, BackupRestorer restorer, ConnectionSettings target, Duration lockTimeout) {
        long started = System.nanoTime();
        try (AdvisoryLock lock = AdvisoryLock.acquire(connections.open(), history.table(), lockTimeout, progress)) {
            String before;
            try (Connection c = connections.open()) {
                before = current(history.read(c));
            }
            progress.accept("restoring " + plan.backup() + " (taken before " + plan.takenBefore() + ")");
            restorer.restore(plan.backup(), target);
            long ms = (System.nanoTime() - started) / 1_000_000;
            try (Connection c = connections.open()) {
                history.ensure(c, progress);
                c.setAutoCommit(false);
                try {
                    List<RolledBackMigration> undone = new ArrayList<>();
                    Set<String> versions = new HashSet<>(plan.undone());
                    for (HistoryRow row : history.read(c)) {
                        if (row.countsAsApplied() && versions.contains(row.version())) {
                            history.delete(c, row.id());
                        }
                    }
                    for (String version : plan.undone()) {
                        history.insert(c, new History.NewRow(version, plan.backup().getFileName().toString(), "restored from backup",
                                HistoryKind.ROLLBACK, null, ms, true, 0, plan.backup().toString()));
                        undone.add(new RolledBackMigration(version, "restored from backup", plan.backup().toString(), ms, 0, true));
                    }
                    c.commit();
                    String current = current(history.read(c));
                    progress.accept("restored " + plan.backup().getFileName() + ": rolled back " + String.join(", ", plan.undone())
                            + "; now at version " + (current == null ? "none" : current));
                    return new RollbackResult(before, current, undone, Duration.ofNanos(System.nanoTime() - started),
                            List.of());
                } catch (SQLException | RuntimeException e) {
                    new Executor(c).rollbackQuietly();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw Inspector.failure("recording the restore in the history", e);
        }
    }
}
