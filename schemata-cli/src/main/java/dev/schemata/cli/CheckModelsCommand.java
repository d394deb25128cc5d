package dev.schemata.cli;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.models.Finding;
import dev.schemata.models.ModelCheck;
import dev.schemata.models.ModelLocations;
import dev.schemata.report.Sarif;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code schemata check-models}: does the schema give the application's models what they expect? */
@Command(name = "check-models", mixinStandardHelpOptions = true,
        description = "Compare the schema the application's models expect (DDL from --models-ddl, "
                + "--models-ddl-command, or the JPA provider on --classpath) with the database (--url or a configured "
                + "one) or --reference, and report every difference at once. Exit 1 when there are errors (differences that make the application fail).")
final class CheckModelsCommand extends DeclarativeCommand {
    @Mixin
    ModelsOptions models;

    @Option(names = "--reference", paramLabel = "SRC", description = "What to check against: db:URL, file:PATH (a schema "
            + "file such as init.sql) or dir:PATH (a migrations directory). Default: the database of --url or the environment.")
    String reference;

    @Option(names = "--format", paramLabel = "FORMAT", description = "human (default), json (as --json) or sarif "
            + "(SARIF 2.1.0 for code scanning, pointing at the entity or the DDL file's line where known).")
    String format;

    @Option(names = "--ignore", paramLabel = "TABLE[.COLUMN]", split = ",",
            description = "Leave out the differences of this table or column (schema optional), e.g. users.legacy_flag; "
                    + "added to [models] ignore of schemata.toml.")
    List<String> ignore = new ArrayList<>();

    @Override
    public Integer call() {
        if (declarative.online || declarative.lockTimeout != null || declarative.schemaFile != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "check-models plans nothing and reads no schema file of "
                    + "its own: --online, --lock-timeout and --schema-file do not apply (compare with a schema file "
                    + "through --reference file:PATH)");
        }
        String chosen = CiReports.choose(format, output().json(), List.of("human", "json", "sarif"));
        var source = models.source(context());
        SchemaSource against = reference();
        List<String> ignored = new ArrayList<>(root().project().config()
                .map(c -> c.modelsIgnore(environment().name())).orElse(List.of()));
        ignore.stream().map(String::strip).filter(i -> !ignored.contains(i)).forEach(ignored::add);
        boolean live = against instanceof SchemaSource.Live;
        try (SchemaLoader loader = loader(live ? null : fallbackMajor())) {
            ModelCheck.Report report = ModelCheck.check(loader, source, against, ignored, ModelsOptions.scratchDir());
            switch (chosen) {
                case "json" -> output().json(json(report));
                case "sarif" -> output().json(sarif(report));
                default -> print(report);
            }
            return report.passed() ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
        }
    }

    private SchemaSource reference() {
        if (reference != null) {
            return parseSource(reference, "--reference");
        }
        return new SchemaSource.Live(configuredTarget().orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                "nothing to check the models against: give --url, configure a database, or use --reference "
                        + "file:init.sql or --reference dir:migrations")));
    }

    private void print(ModelCheck.Report report) {
        Output out = output();
        for (Finding f : report.findings()) {
            String label = switch (f.severity()) {
                case ERROR -> out.paint("error", "31");
                case WARNING -> out.paint("warning", "33");
                case INFO -> "info";
            };
            out.result(label + " " + f.subject() + " [" + f.kind() + "]: " + f.message());
            if (f.expected() != null || f.actual() != null) {
                out.result("    models: " + (f.expected() == null ? "-" : f.expected()) + "; "
                        + "database: " + (f.actual() == null ? "-" : f.actual()));
            }
        }
        if (!report.notCompared().isEmpty()) {
            out.warn("not compared (check-models looks at tables, columns, keys, indexes and enum types): "
                    + String.join(", ", report.notCompared()));
        }
        if (!report.unusedIgnores().isEmpty()) {
            out.warn("ignored, but matched no difference (--ignore, [models] ignore): "
                    + String.join(", ", report.unusedIgnores()));
        }
        long errors = report.count(Finding.Severity.ERROR);
        long warnings = report.count(Finding.Severity.WARNING);
        long infos = report.count(Finding.Severity.INFO);
        String counts = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + ", " + infos + " info" + (report.suppressed() > 0 ? ", " + report.suppressed() + " ignored" : "");
        if (report.findings().isEmpty()) {
            out.result("The models match " + report.reference() + " (" + report.models() + ")"
                    + (report.suppressed() > 0 ? "; " + report.suppressed() + " difference(s) ignored" : "") + ".");
        } else {
            out.result((report.passed() ? "The models can work with " : "The models do not match ") + report.reference()
                    + " (" + report.models() + "): " + counts + ".");
        }
    }

    /**
     * One result per finding, its rule the finding's kind; located at the entity's source or the DDL file's line
     * where known, and always logically at the database object (and the entity class).
     */
    private static Map<String, Object> sarif(ModelCheck.Report report) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            ruleIndex.computeIfAbsent(f.kind(), kind -> {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("id", kind);
                rule.put("shortDescription", Map.of("text", "check-models: " + kind.replace('-', ' ')));
                rules.add(rule);
                return rules.size() - 1;
            });
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.kind());
            result.put("ruleIndex", ruleIndex.get(f.kind()));
            result.put("level", switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "note";
            });
            String values = f.expected() == null && f.actual() == null ? ""
                    : " (models: " + (f.expected() == null ? "-" : f.expected()) + "; database: "
                    + (f.actual() == null ? "-" : f.actual()) + ")";
            result.put("message", Map.of("text", f.subject() + ": " + f.message() + values));
            Optional<ModelLocations.Location> where = report.locations().of(f);
            List<Map<String, Object>> logical = new ArrayList<>();
            logical.add(Map.of("fullyQualifiedName", f.subject(), "kind", f.column() == null ? "resource" : "member"));
            where.map(ModelLocations.Location::entity)
                    .ifPresent(e -> logical.add(Map.of("fullyQualifiedName", e, "kind", "type")));
            Map<String, Object> location = new LinkedHashMap<>();
            where.filter(w -> w.file() != null)
                    .ifPresent(w -> location.put("physicalLocation", Sarif.physicalLocation(w.file(), w.line(), 0, null)));
            location.put("logicalLocations", logical);
            result.put("locations", List.of(location));
            results.add(result);
        }
        return Sarif.log(BuildInfo.load().version(), rules, results);
    }

    private static Map<String, Object> json(ModelCheck.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", report.passed());
        json.put("models", report.models());
        json.put("reference", report.reference());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Finding.Severity s : Finding.Severity.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), report.count(s));
        }
        summary.put("ignored", report.suppressed());
        json.put("summary", summary);
        json.put("findings", report.findings().stream().map(f -> {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
            finding.put("kind", f.kind());
            finding.put("table", f.table());
            finding.put("column", f.column());
            finding.put("message", f.message());
            finding.put("expected", f.expected());
            finding.put("actual", f.actual());
            return finding;
        }).toList());
        json.put("notCompared", report.notCompared());
        json.put("unusedIgnores", report.unusedIgnores());
        return json;
    }
}
