package dev.schemata.cli;

import dev.schemata.fleet.SharedConnections;
import dev.schemata.fleet.Target;
import dev.schemata.fleet.TargetResult;
import dev.schemata.fleet.TargetResult.Status;
import dev.schemata.history.History;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.MigrationFailedException;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * What migrate, status and validate do on one target of a fleet: the single-target code (Migrator,
 * Inspector) given the target's connections (a tenant's with its search_path) and history table.
 */
final class FleetWork {
    private FleetWork() {
    }

    static Function<Target, TargetResult> migrate(MigrationSet set, HistoryTable table, MigrateOptions options) {
        return t -> {
            HistoryTable own = t.historyTable(table);
            MigrateOptions mine = new MigrateOptions(options.target(), false, options.outOfOrder(), options.lockTimeout(),
                    t.placeholders(options.placeholders()));
            try {
                MigrateResult r = new Migrator(t.connections(), own, line -> { }).migrate(set, mine);
                int n = r.applied().size();
                return TargetResult.of(t, Status.OK, r.initialVersion(), r.currentVersion(),
                        n == 0 ? "up to date" : "applied " + n, List.of(), null);
            } catch (MigrationFailedException e) {
                // Where it stopped comes from its own history: the migrations before the failed one stay committed.
                String after = null;
                String before = null;
                try {
                    StatusReport now = new Inspector(t.connections(), own).status(set);
                    after = now.current();
                    String first = e.applied().isEmpty() ? null : e.applied().get(0).version();
                    before = e.applied().isEmpty() ? after : first == null ? null : below(now, first);
                } catch (RuntimeException unreadable) {
                    // The failure itself says why; the versions stay unknown.
                }
                return TargetResult.of(t, Status.FAILED, before, after, "applied " + e.applied().size() + " before the failure",
                        List.of(), e.getMessage());
            }
        };
    }

    /**
     * Reads each target's history on its worker's shared connection to the target's database: the history
     * table is named with its schema, so no search_path is needed, and a thousand tenants cost a few
     * connections instead of a thousand.
     */
    static Function<Target, TargetResult> status(MigrationSet set, HistoryTable table, SharedConnections shared) {
        return t -> {
            StatusReport report;
            try {
                report = StatusReport.of(set, new History(t.historyTable(table)).read(shared.get(t)));
            } catch (SQLException e) {
                shared.discard(t, e);
                return TargetResult.of(t, Status.FAILED, null, null, "", List.of(),
                        "reading the migration history of " + t.describe() + " failed: " + e.getMessage());
            }
            List<String> problems = report.migrations().stream().filter(s -> switch (s.state()) {
                case FAILED, CHECKSUM_MISMATCH, MISSING_FILE, BELOW_SQUASH -> true;
                default -> false;
            }).map(s -> s.file() + ": " + s.state().label()).toList();
            long pending = report.migrations().stream().filter(s -> s.state() == MigrationState.PENDING
                    || s.state() == MigrationState.OUT_OF_ORDER).count();
            Status status = !problems.isEmpty() ? Status.PROBLEMS : pending > 0 ? Status.PENDING : Status.OK;
            String summary = (pending > 0 ? pending + " pending" : "up to date")
                    + (problems.isEmpty() ? "" : ", " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
            return TargetResult.of(t, status, report.current(), report.current(), summary, problems, null);
        };
    }

    static Function<Target, TargetResult> validate(MigrationSet set, HistoryTable table, List<String> tables, List<String> indexes) {
        return t -> {
            ValidationResult r = new Inspector(t.connections(), t.historyTable(table)).validate(set, tables, indexes);
            String current = r.status().current();
            return TargetResult.of(t, r.valid() ? Status.OK : Status.PROBLEMS, current, current,
                    r.valid() ? "valid" : r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s"), r.problems(), null);
        };
    }

    /** The highest applied version below {@code first}: where a run that began with {@code first} started. */
    private static String below(StatusReport report, String first) {
        Version limit = Version.parse(first);
        return report.migrations().stream()
                .filter(s -> s.version() != null && s.state() == MigrationState.APPLIED)
                .map(MigrationStatus::version).map(Version::parse).filter(v -> v.compareTo(limit) < 0)
                .max(Version::compareTo).map(Version::text).orElse(null);
    }

}
