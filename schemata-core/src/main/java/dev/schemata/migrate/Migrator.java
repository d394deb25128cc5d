package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.concurrent.Background;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.Database;
import dev.schemata.execute.Command;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.history.AdvisoryLock;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.sql.TransactionRules;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applies pending migrations. The order of work is what makes it safe:
 * <ol>
 *   <li>read every pending file with the lexer, so bad input stops the run before any change;</li>
 *   <li>take the migration lock on the connection that applies them, so concurrent runs apply each migration
 *       once;</li>
 *   <li>create or adopt the history table, and check applied checksums and ordering;</li>
 *   <li>apply each migration in its own transaction together with its history row, or, for migrations that
 *       PostgreSQL will not run in a transaction, statement by statement with progress recorded. Consecutive
 *       small migrations are sent in groups, one round trip for many transactions.</li>
 * </ol>
 * Each migration runs through the execution engine ({@link Executor}) as one unit.
 */
public final class Migrator {
    private final ConnectionFactory connections;
    private final History history;
    private final Consumer<String> progress;

    public Migrator(ConnectionFactory connections, HistoryTable table, Consumer<String> progress) {
        this.connections = connections;
        this.history = new History(table);
        this.progress = progress;
    }

    // ---------------------------------------------------------------- migrate

    public MigrateResult migrate(MigrationSet set, MigrateOptions options) {
        long started = System.nanoTime();
        List<AppliedMigration> applied = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String phase = "connecting";
        String recovery = "";
        // The transactions sent but not yet known to have committed, and the last history row before the run:
        // when the connection drops, what the server committed of them is read back from the history.
        List<Work> inFlight = List.of();
        long lastRowBefore = 0;
        try (Connection c = open()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (options.dryRun()) {
                return dryRun(c, set, options, major, started);
            }
            phase = "taking the migration lock";
            // The lock is held by the session that applies the migrations: when this process is killed, the
            // server keeps running its last statement (an index build can go on for minutes) and releases the
            // lock only when that session ends, so the next run never sees a half-done build as a failed one.
            Executor executor = new Executor(c);
            try (AdvisoryLock lock = executor.lock(history.table(), options.lockTimeout(), progress)) {
                phase = "reading the history table";
                List<HistoryRow> rows = history.read(c);
                lastRowBefore = rows.stream().mapToLong(HistoryRow::id).max().orElse(0);
                StatusReport before = StatusReport.of(set, rows);
                checkBeforeRun(before, rows, options, c);
                // Every pending file is read before the first change, the history table's creation included.
                List<Work> work = pendingWork(set, rows, before, options, major);
                phase = "preparing the run";
                String backup = work.isEmpty() ? null
                        : options.hooks().beforeChanges(c, work.stream().map(Work::plan).toList());
                phase = "preparing the history table";
                if (!work.isEmpty()) {
                    // Nothing to apply, nothing to write: a no-op run leaves even an old runner's table as it is.
                    history.ensure(c, progress);
                }
                if (work.isEmpty()) {
                    progress.accept("nothing to migrate: " + (before.current() == null ? "no migrations" : "at version " + before.current()));
                }
                int groupSize = FIRST_GROUP;
                for (int i = 0; i < work.size(); ) {
                    long t0 = System.nanoTime();
                    int end = groupEnd(work, i, groupSize);
                    if (end - i > 1) {
                        List<Work> group = work.subList(i, end);
                        phase = "applying " + group.size() + " migrations sent together, " + group.get(0).migration()
                                .relativePath() + " to " + group.get(group.size() - 1).migration().relativePath();
                        inFlight = group;
                        i += applyGroup(executor, group, backup, applied);
                    } else {
                        Work w = work.get(i++);
                        recovery = w.plan().transactional() ? "" : OUTSIDE_RECOVERY;
                        phase = "applying " + w.migration().relativePath();
                        // A migration outside a transaction records its own progress; only a transaction can
                        // have committed unseen.
                        inFlight = w.plan().transactional() ? List.of(w) : List.of();
                        AppliedMigration done = w.plan().transactional() ? applyInTransaction(executor, w, backup)
                                : applyOutside(executor, w, backup);
                        applied(applied, w.migration(), done);
                    }
                    inFlight = List.of();
                    recovery = "";
                    // Groups grow while they are quick; after a slow one the next migration goes alone, so that
                    // progress lines keep coming during long runs.
                    groupSize = System.nanoTime() - t0 < QUICK_GROUP_NANOS ? Math.min(groupSize * 2, MAX_GROUP) : 1;
                }
                if (!work.isEmpty()) {
                    phase = "finishing the run";
                    options.hooks().afterChanges(c);
                }
                String after = currentAfter(before.current(), applied);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (!applied.isEmpty()) {
                    progress.accept(String.format("applied %d migration%s in %.1f s; now at version %s", applied.size(),
                            applied.size() == 1 ? "" : "s", elapsed.toMillis() / 1000.0, after));
                }
                return new MigrateResult(before.current(), after, applied, elapsed, warnings, List.of());
            }
        } catch (StepFailed e) {
            throw new MigrationFailedException(e.code, summary(applied) + e.getMessage(), applied, e.getCause());
        } catch (SQLException e) {
            if (Database.isConnectionFailure(e)) {
                String lost = "lost the connection to " + connections.describe() + " while " + phase + ": "
                        + withoutFinalPeriod(e.getMessage());
                if (inFlight.isEmpty()) {
                    throw new MigrationFailedException(ErrorCode.CONNECTION_FAILED, summary(applied) + lost + recovery,
                            applied, e);
                }
                int before = applied.size();
                boolean known = readBackCommitted(inFlight, lastRowBefore, applied);
                String note = known ? committedNote(inFlight, applied.subList(before, applied.size()))
                        : unknownNote(inFlight);
                String summary = known ? summary(applied) : summary(applied, " for certain");
                throw new MigrationFailedException(ErrorCode.CONNECTION_FAILED, summary + lost + note, applied, e);
            }
            throw new MigrationFailedException(ErrorCode.MIGRATION_FAILED, summary(applied) + "failed while " + phase + ": "
                    + e.getMessage(), applied, e);
        }
    }

    /**
     * The current version after a run: the highest successful one, which only the run's own versions can have
     * raised (without reading the history again).
     */
    private static String currentAfter(String before, List<AppliedMigration> applied) {
        String current = before;
        for (AppliedMigration m : applied) {
            if (m.version() != null && (current == null || Version.parse(m.version()).compareTo(Version.parse(current)) > 0)) {
                current = m.version();
            }
        }
        return current;
    }

    /** The driver ends some messages with a period; the note that follows starts a sentence of its own. */
    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static final String OUTSIDE_RECOVERY = ". It runs outside a transaction: its completed statements are"
            + " recorded in the history; run migrate again to continue.";

    /** How long to wait for the server to answer again after a lost connection, to read what it committed. */
    private static final Duration READ_BACK_WAIT = Duration.ofSeconds(10);

    /**
     * After the connection was lost with transactions in flight (sent, their COMMIT not acknowledged), adds to
     * {@code applied} those the server committed: in order, each with a successful history row of its file and
     * checksum written after {@code lastRowBefore}; each commits with its row, so the rows are the record.
     *
     * @return false when the server did not answer again within {@link #READ_BACK_WAIT}: then it is unknown
     */
    private boolean readBackCommitted(List<Work> inFlight, long lastRowBefore, List<AppliedMigration> applied) {
        List<HistoryRow> rows = readHistoryAgain();
        if (rows == null) {
            return false;
        }
        Set<String> done = applied.stream().map(AppliedMigration::file).collect(Collectors.toSet());
        for (Work w : inFlight) {
            Migration m = w.migration();
            if (done.contains(m.relativePath())) {
                continue;
            }
            Optional<HistoryRow> row = rows.stream().filter(r -> r.id() > lastRowBefore && r.success()
                    && m.relativePath().equals(r.filename()) && m.checksum().equals(r.checksum())).findFirst();
            if (row.isEmpty()) {
                break;
            }
            Long ms = row.get().executionMs();
            applied(applied, m, new AppliedMigration(version(m), m.description(), m.relativePath(), ms == null ? 0 : ms,
                    w.plan().statementCount(), true));
        }
        return true;
    }

    /** The history read on a new connection, retried while the server restarts; null when it does not answer. */
    private List<HistoryRow> readHistoryAgain() {
        long deadline = System.nanoTime() + READ_BACK_WAIT.toNanos();
        while (true) {
            try (Connection c = open()) {
                return history.read(c);
            } catch (SQLException | SchemataException e) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static String committedNote(List<Work> inFlight, List<AppliedMigration> committed) {
        String read = ". Read back from the history on a new connection: ";
        if (inFlight.size() == 1) {
            String file = inFlight.get(0).migration().relativePath();
            return read + (committed.isEmpty() ? "nothing of " + file + " was committed"
                    : "the server committed " + file + " with its history row before the connection dropped")
                    + "; run migrate again to continue.";
        }
        return read + "the server committed " + committed.size() + " of the " + inFlight.size() + " migrations sent together"
                + (committed.isEmpty() ? "" : " (up to " + committed.get(committed.size() - 1).version() + ")")
                + ", each with its history row, and nothing of the others; run migrate again to continue.";
    }

    private static String unknownNote(List<Work> inFlight) {
        String what = inFlight.size() == 1 ? "whether the server committed " + inFlight.get(0).migration().relativePath()
                : "how many of the " + inFlight.size() + " migrations sent together the server committed";
        return ". Each commits with its history row or not at all, but " + what + " is unknown: the server did not"
                + " answer again within " + READ_BACK_WAIT.toSeconds() + " s. Run `schemata status` when it is back,"
                + " then migrate again to continue.";
    }

    private static String summary(List<AppliedMigration> applied) {
        return summary(applied, "");
    }

    private static String summary(List<AppliedMigration> applied, String qualifier) {
        if (applied.isEmpty()) {
            return "";
        }
        return "applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s") + " (up to "
                + applied.get(applied.size() - 1).version() + ")" + qualifier + ", then: ";
    }

    /** A pending migration, its plan, the unit the engine runs and, when it resumes an earlier run, that run's row. */
    private record Work(Migration migration, ScriptPlan plan, Unit unit, HistoryRow resumeRow) {
        boolean groupable() {
            return plan.groupable() && resumeRow == null;
        }
    }

    private void applied(List<AppliedMigration> applied, Migration m, AppliedMigration done) {
        applied.add(done);
        // Plain concatenation: a line per migration, and a format string costs more than the line.
        progress.accept("applied " + m.label() + " (" + done.executionMs() + " ms"
                + (done.transactional() ? ")" : ", outside a transaction)"));
    }

    private void checkBeforeRun(StatusReport report, List<HistoryRow> rows, MigrateOptions options, Connection c) throws SQLException {
        for (MigrationStatus s : report.inState(MigrationState.BELOW_SQUASH)) {
            throw new SchemataException(ErrorCode.MIGRATION_FAILED, SquashedBaseline.belowMessage(s, report.current()));
        }
        List<MigrationStatus> mismatched = report.inState(MigrationState.CHECKSUM_MISMATCH);
        if (!mismatched.isEmpty()) {
            throw new SchemataException(ErrorCode.VALIDATION_FAILED, "applied migration" + (mismatched.size() == 1 ? "" : "s")
                    + " changed since applied: " + mismatched.stream().map(MigrationStatus::file).collect(Collectors.joining(", "))
                    + ". Restore the file, or accept the change with `schemata repair --accept-checksum VERSION`.");
        }
        if (!options.outOfOrder()) {
            List<MigrationStatus> late = report.inState(MigrationState.OUT_OF_ORDER).stream()
                    .filter(s -> options.target() == null || Version.parse(s.version()).compareTo(options.target()) <= 0)
                    .toList();
            if (!late.isEmpty()) {
                throw new SchemataException(ErrorCode.MIGRATION_FAILED, "pending migration" + (late.size() == 1 ? "" : "s")
                        + " below the applied version " + report.current() + ": "
                        + late.stream().map(MigrationStatus::file).collect(Collectors.joining(", "))
                        + " (a merged branch?). Apply with --out-of-order, or renumber.");
            }
        }
        for (HistoryRow row : rows) {
            if (row.success() || row.invalidIndexes().isEmpty()) {
                continue;
            }
            List<String> invalid = existingInvalid(c, row.invalidIndexes());
            if (!invalid.isEmpty()) {
                int resumeAt = (row.statementsRun() == null ? 0 : row.statementsRun()) + 1;
                throw new SchemataException(ErrorCode.MIGRATION_FAILED, row.filename() + " stopped part-way and left invalid "
                        + (invalid.size() == 1 ? "index " : "indexes ") + String.join(", ", invalid)
                        + ". Run `schemata repair` to drop " + (invalid.size() == 1 ? "it" : "them")
                        + ", then migrate again to resume at statement " + resumeAt + ".");
            }
        }
    }

    static List<String> existingInvalid(Connection c, List<String> names) throws SQLException {
        return indexesWithValidity(c, names, false);
    }

    static List<String> existingValid(Connection c, List<String> names) throws SQLException {
        return indexesWithValidity(c, names, true);
    }

    private static List<String> indexesWithValidity(Connection c, List<String> names, boolean valid) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT i.indisvalid FROM pg_catalog.pg_index i"
                    + " WHERE i.indexrelid = pg_catalog.to_regclass(?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1) == valid) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    private List<Work> pendingWork(MigrationSet set, List<HistoryRow> rows, StatusReport report, MigrateOptions options,
                                   int major) {
        Set<String> runnable = new HashSet<>();
        for (MigrationStatus s : report.migrations()) {
            boolean pending = s.state() == MigrationState.PENDING
                    || (s.state() == MigrationState.FAILED)
                    || (s.state() == MigrationState.OUT_OF_ORDER && options.outOfOrder());
            if (pending && s.file() != null) {
                runnable.add(s.file());
            }
        }
        // The first failed row of each version, found once: not a pass over the whole history per migration.
        Map<String, HistoryRow> failed = new HashMap<>();
        for (HistoryRow r : rows) {
            if (!r.success() && r.countsAsApplied() && r.version() != null) {
                failed.putIfAbsent(r.version(), r);
            }
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : set.versioned()) {
            if (!runnable.contains(m.relativePath())) {
                continue;
            }
            if (options.target() != null && m.version().compareTo(options.target()) > 0) {
                continue;
            }
            pending.add(m);
        }
        if (options.target() == null) {
            for (Migration m : set.repeatable()) {
                if (runnable.contains(m.relativePath())) {
                    pending.add(m);
                }
            }
        }
        // Every pending file is read and split before the first one runs (an error in the last stops them
        // all); with many, several at a time. The first error in file order is the one reported.
        return Background.map(pending, m -> work(m, major, options, m.isRepeatable() ? null : failed.get(m.version().text())));
    }

    private static Work work(Migration m, int major, MigrateOptions options, HistoryRow resume) {
        ScriptPlan plan = ScriptRunner.plan(m, major, options.placeholders());
        return new Work(m, plan, ScriptRunner.unit(plan, options.placeholders()), resume);
    }

    // ---------------------------------------------------------------- applying one migration

    /** A migration failed; carries the exit code class. */
    private static final class StepFailed extends Exception {
        final ErrorCode code;

        StepFailed(ErrorCode code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    private AppliedMigration applyInTransaction(Executor executor, Work w, String backup) throws SQLException, StepFailed {
        Migration m = w.migration();
        long t0 = System.nanoTime();
        try {
            int statements = executor.inTransaction(w.unit(), sent -> {
                List<String> record = new ArrayList<>(2);
                if (w.resumeRow() != null) {
                    record.add(history.deleteSql(w.resumeRow().id()));
                }
                record.add(history.insertTimedByServer(row(m, null, true, sent, backup)));
                return record;
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new AppliedMigration(version(m), m.description(), m.relativePath(), ms, statements, true);
        } catch (UnitFailed e) {
            throw new StepFailed(e.code(), e.getMessage() + "\n  nothing of " + m.relativePath() + " was applied (rolled back)",
                    e.sqlException());
        }
    }

    /**
     * Runs a migration whose statements cannot share a transaction. Its history row is written first and
     * updated after every statement, so a crash, a kill or a failure leaves a row saying how far it got,
     * and which index it was building; the next run resumes after the completed statements.
     */
    private AppliedMigration applyOutside(Executor executor, Work w, String backup) throws SQLException, StepFailed {
        Connection c = executor.connection();
        Migration m = w.migration();
        long t0 = System.nanoTime();
        c.setAutoCommit(true);
        int skip = 0;
        long id;
        if (w.resumeRow() != null) {
            id = w.resumeRow().id();
            skip = w.resumeRow().statementsRun() == null ? 0 : w.resumeRow().statementsRun();
            // A killed client does not stop the server: a concurrent index build it had started can finish
            // after the kill, before its completion was recorded. Building it again would fail ("already
            // exists"), so a recorded build whose index is now valid counts as the completed next statement.
            // Only after an interruption: a recorded failure keeps its statement to run again.
            List<String> building = w.resumeRow().invalidIndexes();
            if (w.resumeRow().error() == null && !building.isEmpty() && existingValid(c, building).size() == building.size()) {
                skip++;
                history.progress(c, id, skip, List.of());
                progress.accept(m.label() + ": index " + String.join(", ", building)
                        + " was completed after the earlier run ended; counting statement " + skip + " as done");
            }
            if (skip > 0) {
                progress.accept("resuming " + m.label() + " at statement " + (skip + 1) + " of " + w.plan().statementCount()
                        + " (" + skip + " completed by an earlier run)");
            }
        } else {
            id = history.insert(c, new History.NewRow(version(m), m.relativePath(), m.description(), kindOf(m), m.checksum(),
                    null, false, 0, backup));
        }
        progress.accept("applying " + m.label() + " outside a transaction (" + w.plan().outsideReason() + ")");
        Set<String> invalidBefore = new HashSet<>(allInvalidIndexes(c));
        try {
            int statements = executor.outside(w.unit(), skip, progressRecorder(history, c, id));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            history.succeed(c, id, m.checksum(), ms, statements);
            return new AppliedMigration(version(m), m.description(), m.relativePath(), ms, statements, false);
        } catch (UnitFailed e) {
            List<String> leftInvalid = new ArrayList<>(allInvalidIndexes(c));
            leftInvalid.removeAll(invalidBefore);
            String message = e.getMessage();
            history.fail(c, id, e.completed(), message, leftInvalid);
            String note = "\n  " + e.completed() + " of " + w.plan().statementCount() + " statements of " + m.relativePath()
                    + " completed (it runs outside a transaction; recorded as failed)";
            if (!leftInvalid.isEmpty()) {
                note += "\n  the failed build left invalid index " + String.join(", ", leftInvalid)
                        + ": `schemata repair` drops it; migrate again then resumes at statement " + (e.completed() + 1);
            } else {
                note += "\n  fix the statement and migrate again: it resumes at statement " + (e.completed() + 1);
            }
            throw new StepFailed(e.code(), message + note, e.sqlException());
        }
    }

    /**
     * Records in history row {@code id} how far a unit outside a transaction got: after each statement, and
     * before a concurrent index build, the index it is building (so that a kill during it is recognised).
     */
    static Executor.Listener progressRecorder(History history, Connection c, long id) {
        return new Executor.Listener() {
            @Override
            public void before(int index, Command command) throws SQLException {
                List<String> building = command.statement() == null ? List.of()
                        : TransactionRules.indexBuiltConcurrently(command.statement()).map(List::of).orElse(List.of());
                if (!building.isEmpty()) {
                    history.progress(c, id, index - 1, building);
                }
            }

            @Override
            public void after(int index, Command command) throws SQLException {
                history.progress(c, id, index, List.of());
            }
        };
    }

    // ---------------------------------------------------------------- applying a group in one round trip

    /** Migrations in the first group; each quick group doubles the next, up to {@link #MAX_GROUP}. */
    private static final int FIRST_GROUP = 8;
    private static final int MAX_GROUP = 128;
    private static final long QUICK_GROUP_NANOS = 200_000_000L;

    /** The end (exclusive) of the group that starts at {@code start}: consecutive groupable migrations. */
    private static int groupEnd(List<Work> work, int start, int size) {
        int end = start;
        int entries = 0;
        while (end < work.size() && end - start < size && work.get(end).groupable()
                && entries + MigrationGroup.entries(work.get(end).plan()) <= MigrationGroup.MAX_ENTRIES) {
            entries += MigrationGroup.entries(work.get(end).plan());
            end++;
        }
        return end;
    }

    /**
     * Applies a group of migrations in one round trip (see {@link MigrationGroup}).
     *
     * @return how many migrations of the group were applied
     */
    private int applyGroup(Executor executor, List<Work> group, String backup, List<AppliedMigration> applied)
            throws SQLException, StepFailed {
        List<History.NewRow> rows = new ArrayList<>(group.size());
        for (Work w : group) {
            rows.add(row(w.migration(), null, true, w.plan().statementCount(), backup));
        }
        MigrationGroup.Outcome outcome = MigrationGroup.send(executor.connection(), history,
                group.stream().map(Work::plan).toList(), group.stream().map(Work::unit).toList(), rows);
        List<HistoryRow> recorded = outcome.recorded();
        for (int g = 0; g < recorded.size(); g++) {
            Migration m = group.get(g).migration();
            Long ms = recorded.get(g).executionMs();
            applied(applied, m, new AppliedMigration(version(m), m.description(), m.relativePath(), ms == null ? 0 : ms,
                    group.get(g).plan().statementCount(), true));
        }
        if (recorded.size() == group.size()) {
            return recorded.size();
        }
        Work failed = group.get(recorded.size());
        Migration m = failed.migration();
        if (outcome.failedCommand() != null) {
            throw new StepFailed(UnitFailed.codeOf(outcome.failure()), UnitFailed.describe(outcome.failedCommand(), outcome.failure())
                    + "\n  nothing of " + m.relativePath() + " was applied (rolled back)", outcome.failure());
        }
        // Not one of the file's statements, or the driver did not say which: the migration runs again alone,
        // which names the statement that fails.
        applied(applied, m, applyInTransaction(executor, failed, backup));
        return recorded.size() + 1;
    }

    static List<String> allInvalidIndexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_catalog.format('%I.%I', n.nspname, ic.relname) FROM pg_catalog.pg_index i"
                        + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace WHERE NOT i.indisvalid")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private History.NewRow row(Migration m, Long ms, boolean success, int statements, String backup) {
        return new History.NewRow(version(m), m.relativePath(), m.description(), kindOf(m), m.checksum(), ms, success,
                statements, backup);
    }

    private static HistoryKind kindOf(Migration m) {
        return m.isRepeatable() ? HistoryKind.REPEATABLE : HistoryKind.VERSIONED;
    }

    private static String version(Migration m) {
        return m.version() == null ? null : m.version().text();
    }

    // ---------------------------------------------------------------- dry run

    private MigrateResult dryRun(Connection c, MigrationSet set, MigrateOptions options, int major, long started)
            throws SQLException {
        List<String> sql = new ArrayList<>();
        boolean exists = history.exists(c);
        List<HistoryRow> rows = history.read(c);
        StatusReport report = StatusReport.of(set, rows);
        checkBeforeRun(report, rows, options, c);
        if (!exists) {
            sql.addAll(history.createStatements().stream().map(s -> s + ";").toList());
        }
        for (Work w : pendingWork(set, rows, report, options, major)) {
            Migration m = w.migration();
            sql.add("-- " + m.relativePath() + (w.plan().transactional() ? "" : " (outside a transaction: " + w.plan().outsideReason() + ")"));
            History.NewRow row = row(m, 0L, true, w.plan().statementCount(), null);
            if (w.plan().transactional()) {
                sql.add("BEGIN;");
                Executor.settings(w.unit().timeouts(), true, false).forEach(timeout -> sql.add(timeout + ";"));
            }
            List<String> statements = new ArrayList<>();
            collect(w.plan(), options.placeholders(), statements);
            sql.addAll(statements);
            sql.add((w.plan().transactional() ? history.insertTimedByServer(row) : history.insertLiteral(row)) + ";");
            if (w.plan().transactional()) {
                sql.add("COMMIT;");
            }
        }
        return new MigrateResult(report.current(), report.current(), List.of(), Duration.ofNanos(System.nanoTime() - started),
                List.of(), sql);
    }

    private static void collect(ScriptPlan plan, Map<String, String> placeholders, List<String> out) {
        ScriptRunner.forEach(plan, st -> out.add(ScriptRunner.substitute(st.sql(), placeholders) + ";"
                + (st.copyData() == null ? "" : "\n" + st.copyData() + "\\.")));
    }

    // ---------------------------------------------------------------- helpers

    private Connection open() throws SQLException {
        return connections.open();
    }
}
