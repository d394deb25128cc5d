package dev.schemata.cli;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        ConnectionSettings target = target();
        StatusReport report = new Inspector(ConnectionFactory.of(target), migrations.historyTable()).status(set);
        SizeReport sizeReport = sizes ? SizeReport.read(target, migrations.historyTable()) : null;
        if (output().json()) {
            Map<String, Object> json = json(target, report);
            if (sizeReport != null) {
                json.put("sizes", sizeReport.json());
            }
            output().json(json);
        } else {
            printReport(output(), target, report);
            if (sizeReport != null) {
                sizeReport.print(output());
            }
        }
        return 0;
    }

    static Map<String, Object> json(ConnectionSettings target, StatusReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", target.maskedUrl());
        json.put("current", report.current());
        List<Map<String, Object>> list = new ArrayList<>();
        for (MigrationStatus s : report.migrations()) {
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
            list.add(m);
        }
        json.put("migrations", list);
        return json;
    }

    static void printReport(Output out, ConnectionSettings target, StatusReport report) {
        out.result("Database: " + target.maskedUrl());
        out.result("Current version: " + (report.current() == null ? "none" : report.current()));
        if (report.migrations().isEmpty()) {
            out.result("No migrations.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "TIME"});
        for (MigrationStatus s : report.migrations()) {
            String state = s.state().label() + (s.resumeAt() != null ? " (resumes at statement " + s.resumeAt() + ")" : "");
            rows.add(new String[]{s.version() == null ? "R" : s.version(), s.description() == null ? "" : s.description(),
                    state, s.appliedAt() == null ? "" : TIME.format(s.appliedAt()),
                    s.executionMs() == null ? "" : s.executionMs() + " ms"});
        }
        int[] widths = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", r[i])).append(i < r.length - 1 ? "  " : "");
            }
            out.result(line.toString().stripTrailing());
        }
    }
}
