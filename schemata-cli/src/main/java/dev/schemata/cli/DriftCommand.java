package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.Drift;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Step;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata drift}: does everything still agree? */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Exit 1 with a report when the migrations directory and the schema file define different "
                + "schemas, or when the database (with --url or a configured one) differs from its reference: the schema file,"
                + " or the migrations its history says were applied. Exit 2 when there is nothing to compare with.")
final class DriftCommand extends DeclarativeCommand {

    @Override
    public Integer call() {
        Path dir = migrations.dir(context());
        SchemaFile file = declarative.schemaFile(context(), environment());
        SchemaSource.Directory directory = Files.isDirectory(dir) ? new SchemaSource.Directory(dir) : null;
        SchemaFile schemaFile = Files.isRegularFile(file.path()) ? file : null;
        ConnectionSettings target = configuredTarget().orElse(null);
        if (directory == null && schemaFile == null) {
            throw new dev.schemata.SchemataException(ErrorCode.BAD_USAGE, "nothing to compare: neither " + dir
                    + " nor " + file.display() + " exists");
        }
        try (SchemaLoader loader = loader(target != null ? null : fallbackMajor())) {
            Drift.Report report = Drift.check(loader, directory, schemaFile, target, declarative.planOptions());
            checkNotCompared(report);
            if (output().json()) {
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
