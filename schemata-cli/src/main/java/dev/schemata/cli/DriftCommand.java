package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.Drift;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Step;
import dev.schemata.fleet.TargetResult;
import dev.schemata.report.Finding;
import dev.schemata.report.Level;
import dev.schemata.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata drift}: does everything still agree? */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Exit 1 with a report when the migrations directory and the schema file define different "
                + "schemas, or when the database (with --url or a configured one) differs from its reference: the schema file,"
                + " or the migrations its history says were applied. Exit 2 when there is nothing to compare with.")
final class DriftCommand extends DeclarativeCommand {

    @Mixin
    ReportFormatOption reportFormat;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        String format = reportFormat.chosen(output());
        Path dir = migrations.dir(context());
        SchemaFile file = declarative.schemaFile(context(), environment());
        SchemaSource.Directory directory = Files.isDirectory(dir) ? new SchemaSource.Directory(dir) : null;
        SchemaFile schemaFile = Files.isRegularFile(file.path()) ? file : null;
        if (directory == null && schemaFile == null) {
            throw new dev.schemata.SchemataException(ErrorCode.BAD_USAGE, "nothing to compare: neither " + dir
                    + " nor " + file.display() + " exists");
        }
        if (fleet.active(this)) {
            return driftFleet(directory, schemaFile, format);
        }
        ConnectionSettings target = configuredTarget().orElse(null);
        try (SchemaLoader loader = loader(target != null ? null : fallbackMajor())) {
            Drift.Report report = Drift.check(loader, directory, schemaFile,
                    target == null ? null : ConnectionFactory.of(target), declarative.planOptions());
            checkNotCompared(report);
            if (CiReports.isCi(format)) {
                CiReports.print(format, ciReport(report, schemaFile), output(), context());
            } else if (format.equals("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("clean", report.clean());
                json.put("reference", report.reference());
                json.put("checked", report.checked());
                json.put("notCompared", report.notCompared());
                json.put("compared", report.compared().stream().map(c -> {
                    Map<String, Object> comparison = new LinkedHashMap<>();
                    comparison.put("check", c.check());
                    comparison.put("expected", c.expected());
                    comparison.put("actual", c.actual());
                    return comparison;
                }).toList());
                json.put("findings", report.findings().stream().map(f -> {
                    Map<String, Object> finding = new LinkedHashMap<>();
                    finding.put("check", f.check());
                    finding.put("expected", f.expected());
                    finding.put("actual", f.actual());
                    finding.put("note", f.note());
                    finding.put("plan", describe(f.plan()));
                    return finding;
                }).toList());
                output().json(json);
            } else if (report.clean()) {
                output().result("No drift: " + String.join("; ", report.compared().stream()
                        .map(c -> c.actual() + " matches " + c.expected()).toList())
                        + (report.notCompared().isEmpty() ? "." : " (not compared: " + String.join(", ", report.notCompared()) + ")."));
            } else {
                for (Drift.Finding f : report.findings()) {
                    output().result(title(f) + ":");
                    output().result("  " + f.actual() + " differs from " + f.expected() + "; making it match would take:");
                    List<Step> steps = f.plan().steps();
                    for (Step step : steps) {
                        output().result("    " + step.sql().strip().lines().findFirst().orElse("")
                                + (step.sql().strip().contains("\n") ? " …" : "") + ";");
                    }
                    if (f.note() != null) {
                        output().result("  (" + f.note() + ")");
                    }
                }
            }
            return report.clean() ? 0 : ErrorCode.DRIFT_DETECTED.exitCode();
        }
    }

    /** Each target of the fleet (a database or a tenant schema) against its reference. */
    private int driftFleet(SchemaSource.Directory directory, SchemaFile schemaFile, String format) {
        try (SchemaLoader loader = loader(null)) {
            return fleet.runCompared(this, "drift", format, loader, (t, own) -> {
                Drift.Report report = Drift.check(own, directory, schemaFile, t.connections(), declarative.planOptions());
                List<String> problems = new ArrayList<>();
                report.findings().forEach(f -> {
                    problems.add(title(f) + ": " + f.actual() + " differs from " + f.expected()
                            + " (" + f.plan().steps().size() + " step" + (f.plan().steps().size() == 1 ? "" : "s") + " to match)");
                    f.plan().steps().forEach(step -> problems.add("  " + step.sql().strip().lines().findFirst().orElse("") + ";"));
                });
                report.notCompared().forEach(n -> problems.add("not compared: " + n));
                boolean clean = report.clean() && report.notCompared().isEmpty();
                return TargetResult.of(t, clean ? TargetResult.Status.OK : TargetResult.Status.PROBLEMS, null, null,
                        report.clean() ? (clean ? "no drift" : "no drift found, some objects not compared")
                                : report.findings().size() + " drift" + (report.findings().size() == 1 ? "" : "s"), problems, null);
            });
        }
    }

    /**
     * One case per comparison. A difference between the migrations and the schema file points at the schema file
     * (at the line of a data statement when the plan names one); the database's drift points at no file.
     */
    private Report ciReport(Drift.Report report, SchemaFile schemaFile) {
        List<Report.Case> cases = new ArrayList<>();
        for (Drift.Comparison c : report.compared()) {
            List<Finding> findings = new ArrayList<>();
            for (Drift.Finding f : report.findings()) {
                if (!f.check().equals(c.check())) {
                    continue;
                }
                boolean aboutFile = f.check().equals("migrations-vs-schema-file") && schemaFile != null;
                StringBuilder message = new StringBuilder(f.actual() + " differs from " + f.expected()
                        + "; making it match would take:");
                int line = 0;
                for (Step step : f.plan().steps()) {
                    message.append("\n  ").append(step.sql().strip().lines().findFirst().orElse(""))
                            .append(step.sql().strip().contains("\n") ? " …" : "").append(';');
                    if (line == 0 && aboutFile) {
                        line = originLine(step.origin());
                    }
                }
                f.plan().skipped().forEach(s -> message.append("\nnot compared (the model cannot represent it): ").append(s));
                if (f.note() != null) {
                    message.append("\n(").append(f.note()).append(')');
                }
                findings.add(new Finding(Level.ERROR, aboutFile ? LintOutput.display(context(), schemaFile.path()) : null, line, 0,
                        "drift: " + title(f), message.toString()));
            }
            cases.add(new Report.Case(c.check() + ": " + c.actual() + " vs " + c.expected(), findings));
        }
        String summary = report.clean() ? "no drift: " + String.join("; ", report.compared().stream()
                .map(c -> c.actual() + " matches " + c.expected()).toList())
                : report.findings().size() + " drift" + (report.findings().size() == 1 ? "" : "s") + " found";
        return new Report("drift", summary, cases, "");
    }

    private static String title(Drift.Finding f) {
        return f.check().equals("migrations-vs-schema-file") ? "The migrations and the schema file define different schemas"
                : "The database differs from what its history says";
    }

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    /** "No drift" must not vouch for objects that were never compared; with differences found, they are named too. */
    private void checkNotCompared(Drift.Report report) {
        if (report.clean()) {
            unsupported.check(report.notCompared(), "drift cannot compare", output());
        } else if (!report.notCompared().isEmpty()) {
            output().warn("not compared (Schemata cannot represent them): " + String.join(", ", report.notCompared()));
        }
    }
}
