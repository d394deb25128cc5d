package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.fleet.SharedConnections;
import dev.schemata.history.HistoryRow;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata status}: every migration and its state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "List every migration with its state: applied, pending, failed, checksum_mismatch, missing_file, "
                + "out_of_order, baseline, below_baseline.")
final class StatusCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @picocli.CommandLine.Option(names = "--sizes", description = "Also show how the latest migrate run changed table sizes.")
    boolean sizes;

    @Option(names = "--history", description = "Also list every history row in order: applied migrations, baselines and the"
            + " rollbacks (who, when, which version, how long).")
    boolean history;

    @Mixin
    FleetOptions fleet;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        if (fleet.active(this)) {
            MigrationSet set = MigrationSet.scan(migrations.dir(context()));
            try (SharedConnections shared = new SharedConnections()) {
                return fleet.run(this, "status", FleetWork.status(set, migrations.historyTable(), shared));
            }
        }
        FilesAndHistory read = filesAndHistory(migrations.dir(context()), migrations.historyTable());
        ConnectionSettings target = read.target();
        StatusReport report = StatusReport.of(read.set(), read.rows());
        List<HistoryRow> rows = history ? read.rows() : List.of();
        SizeReport sizeReport = sizes ? SizeReport.read(target, migrations.historyTable()) : null;
        if (output().json()) {
            Map<String, Object> json = json(target, report);
            if (history) {
                Iterable<Map<String, Object>> history = () -> rows.stream().map(StatusCommand::json).iterator();
                json.put("history", history);
            }
            if (sizeReport != null) {
                json.put("sizes", sizeReport.json());
            }
            output().json(json);
        } else {
            printReport(output(), target, report);
            if (history) {
                printHistory(output(), rows);
            }
            if (sizeReport != null) {
                sizeReport.print(output());
            }
        }
        return 0;
    }

    private static Map<String, Object> json(HistoryRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.id());
        m.put("kind", row.kind().dbValue());
        m.put("version", row.version());
        m.put("description", row.description());
        m.put("file", row.filename());
        m.put("appliedAt", row.appliedAt() == null ? null : row.appliedAt().toString());
        m.put("appliedBy", row.appliedBy());
        m.put("executionMs", row.executionMs());
        m.put("success", row.success());
        m.put("backup", row.backup());
        return m;
    }

    private static void printHistory(Output out, List<HistoryRow> rows) {
        out.result("");
        out.result("History:");
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"ID", "KIND", "VERSION", "FILE", "AT", "BY", "TIME", "RESULT", "BACKUP"});
        for (HistoryRow r : rows) {
            table.add(new String[]{String.valueOf(r.id()), r.kind().dbValue(), r.version() == null ? "" : r.version(),
                    r.filename() == null ? "" : r.filename(), r.appliedAt() == null ? "" : TIME.format(r.appliedAt()),
                    r.appliedBy() == null ? "" : r.appliedBy(), r.executionMs() == null ? "" : r.executionMs() + " ms",
                    r.success() ? "ok" : "failed", r.backup() == null ? "" : r.backup()});
        }
        printTable(out, table);
    }

    static Map<String, Object> json(ConnectionSettings target, StatusReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", target.maskedUrl());
        json.put("current", report.current());
        // Each migration's object is made as it is written: ten thousand of them are never all held at once.
        Iterable<Map<String, Object>> migrations = () -> report.migrations().stream().map(StatusCommand::json).iterator();
        json.put("migrations", migrations);
        return json;
    }

    private static Map<String, Object> json(MigrationStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("description", s.description());
        m.put("file", s.file());
        m.put("kind", s.kind());
        m.put("state", s.state().label());
        m.put("checksum", s.checksum());
        m.put("appliedAt", s.appliedAt() == null ? null : s.appliedAt().toString());
        m.put("executionMs", s.executionMs());
        if (s.resumeAt() != null) {
            m.put("resumeAt", s.resumeAt());
        }
        if (s.backup() != null) {
            m.put("backup", s.backup());
        }
        return m;
    }

    static void printReport(Output out, ConnectionSettings target, StatusReport report) {
        out.result("Database: " + target.maskedUrl());
        out.result("Current version: " + (report.current() == null ? "none" : report.current()));
        if (report.migrations().isEmpty()) {
            out.result("No migrations.");
            return;
        }
        boolean backups = report.migrations().stream().anyMatch(s -> s.backup() != null);
        List<String[]> rows = new ArrayList<>();
        rows.add(backups ? new String[]{"VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "TIME", "BACKUP"}
                : new String[]{"VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "TIME"});
        for (MigrationStatus s : report.migrations()) {
            String state = s.state().label() + (s.resumeAt() != null ? " (resumes at statement " + s.resumeAt() + ")" : "");
            String[] row = {s.version() == null ? "R" : s.version(), s.description() == null ? "" : s.description(),
                    state, s.appliedAt() == null ? "" : TIME.format(s.appliedAt()),
                    s.executionMs() == null ? "" : s.executionMs() + " ms"};
            if (backups) {
                row = java.util.Arrays.copyOf(row, 6);
                row[5] = s.backup() == null ? "" : s.backup();
            }
            rows.add(row);
        }
        printTable(out, rows);
    }

    /** Columns padded to their widest cell, two spaces apart. */
    private static void printTable(Output out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        // One block of text, padded by hand: ten thousand migrations must not cost ten thousand format calls
        // and as many passes of the redactor.
        StringBuilder table = new StringBuilder();
        for (String[] r : rows) {
            int start = table.length();
            for (int i = 0; i < r.length; i++) {
                table.append(r[i]);
                if (i < r.length - 1) {
                    table.append(" ".repeat(widths[i] - r[i].length() + 2));
                }
            }
            while (table.length() > start && table.charAt(table.length() - 1) == ' ') {
                table.setLength(table.length() - 1);
            }
            table.append('\n');
        }
        table.setLength(table.length() - 1);
        out.result(table.toString());
    }
}
