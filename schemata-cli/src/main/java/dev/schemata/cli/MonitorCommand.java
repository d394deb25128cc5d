package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.Redactor;
import dev.schemata.monitor.IndexReport;
import dev.schemata.monitor.IndexUsage;
import dev.schemata.monitor.LockWait;
import dev.schemata.monitor.Monitor;
import dev.schemata.monitor.SlowQueries;
import dev.schemata.monitor.SlowQuery;
import dev.schemata.monitor.TableSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code schemata monitor sizes|indexes|queries|locks}: read-only reports on the target database. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Reports on the target database: table sizes, index use, slow statements, lock waits.",
        subcommands = {MonitorCommand.Sizes.class, MonitorCommand.Indexes.class, MonitorCommand.Queries.class,
                MonitorCommand.Locks.class})
final class MonitorCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(context().err());
        return 2;
    }

    /** A report: read-only, and run against a configured database, or the dev database only with --dev. */
    abstract static class Report extends BaseCommand {
        @Mixin
        DevOption devOption;
    }

    /** A report that shows SQL text from the server, whose password literals are masked unless asked. */
    abstract static class SqlReport extends Report {
        @Option(names = "--show-secrets", description = "Show the password literals of the SQL text (PASSWORD '…', OPTIONS"
                + " (password '…')) as the server has them; by default they read '***'. Passwords in URLs and connection"
                + " strings stay masked.")
        boolean showSecrets;

        /** The statement as shown: masked before it is shortened, so that no cut literal escapes the mask. */
        String sql(String text, int max) {
            String shown = showSecrets ? text : Redactor.maskSql(text);
            return max > 0 ? shorten(shown, max) : shown;
        }
    }

    static <T> T read(Report command, Function<Monitor, T> report) {
        ConnectionSettings target = command.target(command.devOption);
        try (Connection c = Database.connect(target)) {
            return report.apply(new Monitor(c));
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, e.getMessage(), e);
        }
    }

    private static String shorten(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > max ? flat.substring(0, max - 1) + "…" : flat;
    }

    @Command(name = "sizes", mixinStandardHelpOptions = true,
            description = "Tables and their indexes: total, heap, TOAST and index bytes, row estimates; largest first.")
    static final class Sizes extends Report {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N tables (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            List<TableSize> sizes = read(this, Monitor::sizes);
            List<TableSize> shown = sizes.subList(0, Math.min(Math.max(limit, 0), sizes.size()));
            if (output().json()) {
                List<Map<String, Object>> tables = new ArrayList<>();
                for (TableSize t : shown) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("table", t.table());
                    m.put("kind", t.kind());
                    m.put("totalBytes", t.totalBytes());
                    m.put("heapBytes", t.heapBytes());
                    m.put("toastBytes", t.toastBytes());
                    m.put("indexBytes", t.indexBytes());
                    m.put("rowEstimate", t.rowEstimate());
                    m.put("indexes", t.indexes().stream().map(i -> Map.of("name", i.name(), "bytes", i.bytes())).toList());
                    tables.add(m);
                }
                output().json(Map.of("tables", tables));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"TABLE", "TOTAL", "HEAP", "TOAST", "INDEXES", "ROWS (EST.)"});
            for (TableSize t : shown) {
                rows.add(new String[]{t.table(), BackupsCommand.size(t.totalBytes()), BackupsCommand.size(t.heapBytes()),
                        BackupsCommand.size(t.toastBytes()), BackupsCommand.size(t.indexBytes()),
                        t.rowEstimate() == null ? "not analyzed" : t.rowEstimate().toString()});
                for (TableSize.IndexSize i : t.indexes()) {
                    rows.add(new String[]{"  " + i.name(), "", "", "", BackupsCommand.size(i.bytes()), ""});
                }
            }
            Tables.print(output(), rows);
            return 0;
        }
    }

    @Command(name = "indexes", mixinStandardHelpOptions = true,
            description = "Scans per index since the statistics were reset; unused, invalid and duplicate indexes.")
    static final class Indexes extends Report {
        @Override
        public Integer call() {
            IndexReport report = read(this, Monitor::indexes);
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("statsSince", report.statsSince());
                json.put("indexes", report.indexes().stream().map(Indexes::json).toList());
                json.put("unused", report.unused().stream().map(IndexUsage::index).toList());
                json.put("invalid", report.invalid().stream().map(IndexUsage::index).toList());
                json.put("duplicates", report.duplicates().stream().map(i -> Map.of("index", i.index(), "duplicateOf", i.duplicateOf())).toList());
                output().json(json);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"INDEX", "TABLE", "SCANS", "SIZE", "NOTE"});
            for (IndexUsage i : report.indexes()) {
                List<String> notes = new ArrayList<>();
                if (!i.valid()) {
                    notes.add("INVALID (drop and rebuild it)");
                }
                if (i.unused()) {
                    notes.add("unused");
                }
                if (i.duplicateOf() != null) {
                    notes.add("duplicate of " + i.duplicateOf());
                }
                rows.add(new String[]{i.index(), i.table(), String.valueOf(i.scans()), BackupsCommand.size(i.bytes()), String.join("; ", notes)});
            }
            Tables.print(output(), rows);
            long unusedBytes = report.unused().stream().mapToLong(IndexUsage::bytes).sum();
            output().result("");
            output().result(report.unused().size() + " unused (" + BackupsCommand.size(unusedBytes) + "), " + report.invalid().size()
                    + " invalid, " + report.duplicates().size() + " duplicate; scans counted since "
                    + (report.statsSince() == null ? "the server started" : report.statsSince()));
            return 0;
        }

        private static Map<String, Object> json(IndexUsage i) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i.index());
            m.put("table", i.table());
            m.put("scans", i.scans());
            m.put("bytes", i.bytes());
            m.put("enforcesConstraint", i.enforces());
            m.put("valid", i.valid());
            m.put("unused", i.unused());
            m.put("duplicateOf", i.duplicateOf());
            m.put("definition", i.definition());
            return m;
        }
    }

    @Command(name = "queries", mixinStandardHelpOptions = true,
            description = "The slowest statements from pg_stat_statements, by mean and by total time.")
    static final class Queries extends SqlReport {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "N statements of each ranking (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            SlowQueries report = read(this, m -> m.slowQueries(limit));
            List<SlowQuery> queries = report.statements();
            List<SlowQuery> byMean = queries.stream().filter(q -> q.meanRank() <= limit)
                    .sorted((a, b) -> Integer.compare(a.meanRank(), b.meanRank())).toList();
            List<SlowQuery> byTotal = queries.stream().filter(q -> q.totalRank() <= limit)
                    .sorted((a, b) -> Integer.compare(a.totalRank(), b.totalRank())).toList();
            String hidden = hidden(report);
            if (output().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("role", report.role());
                json.put("allRoles", report.readsAllStatistics());
                json.put("hiddenStatements", report.hiddenStatements());
                json.put("byMeanTime", byMean.stream().map(this::json).toList());
                json.put("byTotalTime", byTotal.stream().map(this::json).toList());
                if (hidden != null) {
                    json.put("note", hidden);
                }
                output().json(json);
                return 0;
            }
            print("Slowest by mean time:", byMean);
            output().result("");
            print("Slowest by total time:", byTotal);
            if (hidden != null) {
                output().warn(hidden);
            }
            return 0;
        }

        /** What the role could not see, and the grant that shows it; null when it sees everything. */
        private static String hidden(SlowQueries report) {
            if (report.readsAllStatistics()) {
                return null;
            }
            return "role \"" + report.role() + "\" sees only its own statements: " + report.hiddenStatements()
                    + " statement(s) of other roles are hidden. `GRANT pg_read_all_stats TO \"" + report.role()
                    + "\";` (as a superuser) shows them all.";
        }

        private void print(String title, List<SlowQuery> list) {
            output().result(title);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"MEAN MS", "TOTAL MS", "CALLS", "ROWS", "QUERY"});
            for (SlowQuery q : list) {
                rows.add(new String[]{String.format("%.2f", q.meanMs()), String.format("%.1f", q.totalMs()), String.valueOf(q.calls()),
                        String.valueOf(q.rows()), sql(q.query(), 100)});
            }
            Tables.print(output(), rows);
        }

        private Map<String, Object> json(SlowQuery q) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queryId", q.queryId());
            m.put("query", sql(q.query(), 0));
            m.put("calls", q.calls());
            m.put("meanMs", q.meanMs());
            m.put("totalMs", q.totalMs());
            m.put("maxMs", q.maxMs());
            m.put("rows", q.rows());
            m.put("role", q.role());
            return m;
        }
    }

    @Command(name = "locks", mixinStandardHelpOptions = true,
            description = "Sessions waiting for a lock and the sessions blocking them (useful while a migration runs).")
    static final class Locks extends SqlReport {
        @Override
        public Integer call() {
            List<LockWait> waits = read(this, Monitor::lockWaits);
            if (output().json()) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (LockWait w : waits) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("pid", w.pid());
                    m.put("user", w.user());
                    m.put("application", w.application());
                    m.put("database", w.database());
                    m.put("query", sql(w.query(), 0));
                    m.put("lockType", w.lockType());
                    m.put("mode", w.mode());
                    m.put("object", w.object());
                    m.put("waitingMs", w.waitingMs());
                    List<Map<String, Object>> blockers = new ArrayList<>();
                    for (LockWait.Blocker b : w.blockers()) {
                        Map<String, Object> bm = new LinkedHashMap<>();
                        bm.put("pid", b.pid());
                        bm.put("user", b.user());
                        bm.put("application", b.application());
                        bm.put("state", b.state());
                        bm.put("query", sql(b.query(), 0));
                        bm.put("transactionMs", b.transactionMs());
                        blockers.add(bm);
                    }
                    m.put("blockedBy", blockers);
                    list.add(m);
                }
                output().json(Map.of("waiting", list));
                return 0;
            }
            if (waits.isEmpty()) {
                output().result("No session is waiting for a lock.");
                return 0;
            }
            for (LockWait w : waits) {
                output().result(String.format("pid %d (%s, %s) waits %.1f s for %s on %s: %s", w.pid(), w.user(), w.application(),
                        w.waitingMs() / 1000.0, w.mode(), w.object(), sql(w.query(), 100)));
                for (LockWait.Blocker b : w.blockers()) {
                    output().result(String.format("  blocked by pid %d (%s, %s, %s%s): %s", b.pid(), b.user(), b.application(), b.state(),
                            b.transactionMs() == null ? "" : String.format(", transaction open %.1f s", b.transactionMs() / 1000.0),
                            sql(b.query(), 100)));
                }
            }
            return 0;
        }
    }
}
