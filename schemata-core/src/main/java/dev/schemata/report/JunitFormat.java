package dev.schemata.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A report as JUnit XML, the format Jenkins' junit plugin and GitLab read as test results: one
 * {@code <testsuite>} for the command, one {@code <testcase>} per thing checked, a {@code <failure>} for its
 * error-level findings and {@code <system-out>} for the others (which inform but do not fail). Only the elements
 * and attributes of the common JUnit schema are written.
 */
public final class JunitFormat {
    private JunitFormat() {
    }

    public static String xml(Report report) {
        List<Report.Case> cases = report.cases();
        long failures = cases.stream().filter(Report.Case::failed).count();
        String name = "schemata " + report.command();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"").append(attr(name)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\">\n");
        xml.append("  <testsuite name=\"").append(attr(name)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Report.Case c : cases) {
            xml.append("    <testcase name=\"").append(attr(c.name())).append("\" classname=\"schemata.")
                    .append(attr(report.command())).append('"');
            List<Finding> errors = c.findings().stream().filter(f -> f.level() == Level.ERROR).toList();
            List<Finding> others = c.findings().stream().filter(f -> f.level() != Level.ERROR).toList();
            if (errors.isEmpty() && others.isEmpty()) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (!errors.isEmpty()) {
                Finding first = errors.get(0);
                String message = (first.location().isEmpty() ? "" : first.location() + ": ") + first.title()
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
                xml.append("      <failure message=\"").append(attr(message)).append("\" type=\"")
                        .append(attr(first.title())).append("\">").append(text(describe(errors))).append("</failure>\n");
            }
            if (!others.isEmpty()) {
                xml.append("      <system-out>").append(text(describe(others))).append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        }
        xml.append("    <system-out>").append(text(report.summary())).append("</system-out>\n");
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.level().label() + ": " + (f.location().isEmpty() ? "" : f.location() + ": ")
                + f.title() + "\n" + f.message()).collect(Collectors.joining("\n\n"));
    }

    /** Element text: markup escaped, characters XML 1.0 cannot hold replaced. */
    static String text(String s) {
        return escape(s, false);
    }

    /** An attribute value: also quotes, and line breaks and tabs as references so that parsers keep them. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean allowed = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        }
        return out.toString();
    }
}
