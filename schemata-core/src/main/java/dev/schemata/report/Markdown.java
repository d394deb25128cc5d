package dev.schemata.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as GitHub-flavoured Markdown: for {@code $GITHUB_STEP_SUMMARY} and pull-request comments. Text from
 * migrations and servers is escaped so that it cannot break the table or inject HTML into the page.
 */
public final class Markdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {
    }

    /** A heading with the summary, a table of the findings, then the report's details. */
    public static String summary(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("### schemata ").append(report.command()).append(": ").append(inline(report.summary())).append("\n\n");
        if (!report.findings().isEmpty()) {
            md.append("| Level | Location | Finding |\n|---|---|---|\n");
            for (Finding f : report.findings()) {
                md.append("| ").append(f.level().label())
                        .append(" | ").append(f.location().isEmpty() ? "" : inline(f.location()))
                        .append(" | **").append(inline(f.title())).append("**<br>").append(inline(f.message()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!report.details().isEmpty()) {
            md.append(report.details().strip()).append("\n\n");
        }
        return md.toString();
    }

    /**
     * Text on one line of Markdown (a table cell, a list item): HTML and Markdown's own characters escaped,
     * line breaks as {@code <br>}. {@code *} is left as it is: a masked password must read {@code ***} wherever it
     * is shown, and an asterisk can only add emphasis, not break the table.
     */
    public static String inline(String text) {
        StringBuilder out = new StringBuilder();
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("<br>");
                case '|', '\\', '`', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A fenced code block whose fence is longer than any run of backticks in the text. */
    public static String codeBlock(String language, String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + text.strip() + "\n" + fence + "\n";
    }
}
