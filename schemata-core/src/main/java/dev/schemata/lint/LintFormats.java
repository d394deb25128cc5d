package dev.schemata.lint;

import dev.schemata.report.Sarif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lint results as documents for machines, built from maps and lists for {@link dev.schemata.json.Json}:
 * Schemata's own JSON (documented in docs/lint.md) and SARIF 2.1.0, which code-scanning services show
 * next to the code.
 */
public final class LintFormats {
    private LintFormats() {
    }

    /**
     * {@code {"findings": [{"rule", "severity", "file", "line", "column", "message", "excerpt",
     * "safeAlternative", "table"?}], "summary": {...}}}.
     */
    public static Map<String, Object> json(LintReport report) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rule", f.rule());
            item.put("severity", f.severity().label());
            item.put("file", f.file());
            item.put("line", f.line());
            item.put("column", f.column());
            item.put("message", f.message());
            item.put("excerpt", f.excerpt());
            item.put("safeAlternative", f.safeAlternative());
            if (f.table() != null) {
                Map<String, Object> table = new LinkedHashMap<>();
                table.put("name", f.table().name());
                table.put("origin", f.table().origin().label());
                if (f.table().origin() == TableInfo.Origin.EXISTING) {
                    table.put("rows", f.table().rows() < 0 ? null : Math.round(f.table().rows()));
                    table.put("bytes", f.table().bytes() < 0 ? null : f.table().bytes());
                }
                item.put("table", table);
            }
            findings.add(item);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", report.files());
        summary.put("statements", report.statements());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("infos", report.count(Severity.INFO));
        summary.put("usedDatabase", report.usedDatabase());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("findings", findings);
        document.put("summary", summary);
        return document;
    }

    /** A SARIF 2.1.0 log with one run: every rule in the tool's driver, every finding as a result. */
    public static Map<String, Object> sarif(LintReport report, String toolVersion) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Rule rule : Rules.all()) {
            ruleIndex.put(rule.id(), rules.size());
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("id", rule.id());
            descriptor.put("shortDescription", Map.of("text", rule.title()));
            descriptor.put("fullDescription", Map.of("text", rule.problem().strip().replace('\n', ' ')));
            Map<String, Object> help = new LinkedHashMap<>();
            help.put("text", rule.safeAlternative() + "\n\n" + rule.example().strip());
            help.put("markdown", rule.markdown());
            descriptor.put("help", help);
            descriptor.put("defaultConfiguration", Map.of("level", level(rule.severity())));
            descriptor.put("properties", Map.of("tags", List.of(rule.kind().label())));
            rules.add(descriptor);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> physical = Sarif.physicalLocation(f.file(), f.line(), f.column(), f.excerpt());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule());
            result.put("ruleIndex", ruleIndex.get(f.rule()));
            result.put("level", level(f.severity()));
            result.put("message", Map.of("text", f.message() + ". " + f.safeAlternative()));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            results.add(result);
        }
        return Sarif.log(toolVersion, rules, results);
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
