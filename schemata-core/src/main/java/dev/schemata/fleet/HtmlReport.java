package dev.schemata.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A fleet report as one self-contained HTML page (styles inline, no scripts, nothing fetched): the summary,
 * the failures first with their errors, the distribution of versions, then every target.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(FleetReport report, Instant at) {
        StringBuilder h = new StringBuilder(8192 + report.results().size() * 256);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>schemata ")
                .append(esc(report.command())).append(" — fleet report</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.failed,.problems,.skipped{background:#fde8e8}.pending{background:#fff6dd}")
                .append(".bar{background:#4a7fd4;height:12px;display:inline-block}pre{margin:0;white-space:pre-wrap}")
                .append("</style></head><body>\n");
        h.append("<h1>schemata ").append(esc(report.command())).append(" over ").append(report.results().size())
                .append(" target").append(report.results().size() == 1 ? "" : "s").append("</h1>\n");
        h.append("<p>").append(esc(report.summary())).append(". Generated ").append(esc(at.toString()));
        if (report.shard().count() > 1) {
            h.append("; shard ").append(esc(report.shard().toString())).append(" of a fleet of ").append(report.fleetSize());
        }
        h.append(".</p>\n<table><tr>");
        report.counts().forEach((s, n) -> h.append("<th>").append(esc(s.label())).append("</th>"));
        h.append("</tr><tr>");
        report.counts().forEach((s, n) -> h.append("<td>").append(n).append("</td>"));
        h.append("</tr></table>\n");

        List<TargetResult> failures = report.results().stream().filter(r -> r.status().failure()).toList();
        h.append("<h2>Failures (").append(failures.size()).append(")</h2>\n");
        if (failures.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            table(h, failures, true);
        }

        h.append("<h2>Versions across the fleet</h2>\n<table><tr><th>version</th><th>targets</th><th></th></tr>\n");
        Map<String, Integer> versions = report.versions();
        int max = versions.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        versions.forEach((v, n) -> h.append("<tr><td>").append(esc(v)).append("</td><td>").append(n)
                .append("</td><td><span class=\"bar\" style=\"width:").append(Math.max(1, n * 300 / max)).append("px\"></span></td></tr>\n"));
        h.append("</table>\n<h2>All targets</h2>\n");
        table(h, report.failuresFirst(), false);
        return h.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder h, List<TargetResult> rows, boolean errors) {
        h.append("<table><tr><th>target</th><th>database</th><th>schema</th><th>status</th><th>before</th><th>after</th>")
                .append("<th>time</th><th>").append(errors ? "error" : "summary").append("</th></tr>\n");
        for (TargetResult r : rows) {
            h.append("<tr class=\"").append(r.status().label()).append("\"><td>").append(esc(r.target().name()))
                    .append("</td><td>").append(esc(r.target().database().maskedUrl()))
                    .append("</td><td>").append(esc(r.target().schema() == null ? "" : r.target().schema()))
                    .append("</td><td>").append(esc(r.status().label()))
                    .append("</td><td>").append(esc(r.before() == null ? "" : r.before()))
                    .append("</td><td>").append(esc(r.after() == null ? "" : r.after()))
                    .append("</td><td>").append(r.durationMs()).append(" ms</td><td>");
            if (errors) {
                h.append("<pre>").append(esc(r.error() == null ? "" : r.error()));
                r.problems().forEach(p -> h.append('\n').append(esc(p)));
                h.append("</pre>");
            } else {
                h.append(esc(r.summary()));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
