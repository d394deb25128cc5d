package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.report.GithubFormat;
import dev.schemata.report.JunitFormat;
import dev.schemata.report.Markdown;
import dev.schemata.report.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code --format github|junit|markdown} of lint, validate, drift, plan and verify-rollback: the one place that
 * prints a {@link Report} for CI. Every text is masked (passwords, password literals in SQL) before it is
 * escaped for its format; the exit code stays the command's own.
 */
final class CiReports {
    /** The formats every such command offers besides its human text ({@code human}) and {@code --json}. */
    static final List<String> FORMATS = List.of("github", "junit", "markdown");

    /** GitHub refuses a step summary larger than 1 MiB; a little is left for the note that says it was cut. */
    static final int SUMMARY_LIMIT = 1_000_000;

    private CiReports() {
    }

    /**
     * The format asked for, lower case: {@code human}, {@code json} (also from {@code --json}) or one of
     * {@code allowed}. An unknown format, or one that contradicts {@code --json}, is bad usage.
     */
    static String choose(String format, boolean json, List<String> allowed) {
        String chosen = format == null ? (json ? "json" : "human") : format.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(chosen)) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--format: expected " + String.join(", ", allowed.subList(0,
                    allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1) + ", got \"" + format + "\"");
        }
        if (json && !chosen.equals("json")) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--json and --format " + chosen + " contradict each other");
        }
        return chosen;
    }

    /** The allowed values of the commands that have no format of their own: human, json and {@link #FORMATS}. */
    static List<String> formats() {
        return Stream.concat(Stream.of("human", "json"), FORMATS.stream()).toList();
    }

    static boolean isCi(String format) {
        return FORMATS.contains(format);
    }

    /**
     * Prints the report on stdout: for {@code github} one workflow command per finding and the summary line,
     * and the Markdown summary appended to {@code $GITHUB_STEP_SUMMARY} when that is set; for {@code junit} the
     * XML; for {@code markdown} the Markdown.
     */
    static void print(String format, Report report, Output output, CliContext context) {
        Report masked = report.map(output::diagnostic);
        switch (format) {
            case "github" -> {
                StringBuilder text = new StringBuilder();
                GithubFormat.commands(masked).forEach(line -> text.append(line).append('\n'));
                text.append(masked.summary());
                output.result(text.toString());
                appendStepSummary(Markdown.summary(masked), output, context);
            }
            case "junit" -> output.result(JunitFormat.xml(masked).stripTrailing());
            case "markdown" -> output.result(Markdown.summary(masked).stripTrailing());
            default -> throw new IllegalArgumentException(format);
        }
    }

    /** The Markdown cut at a line so that it stays under {@code limit} bytes, saying so, or as it is when it fits. */
    static String cut(String markdown, int limit) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= limit) {
            return markdown;
        }
        String head = new String(bytes, 0, limit, StandardCharsets.UTF_8);
        head = head.substring(0, Math.max(0, head.lastIndexOf('\n') + 1));
        return head + "\n*The summary is cut here: GitHub accepts at most 1 MiB. The log of this step lists every finding.*\n\n";
    }

    /**
     * The line a message names for a migration, as errors from running SQL start ({@code 002_orders.sql:7: ERROR: …},
     * the path relative to the migrations directory), or 0 when it names none.
     */
    static int lineIn(String message, String relativePath) {
        if (message == null || relativePath == null) {
            return 0;
        }
        Matcher m = Pattern.compile(Pattern.quote(relativePath) + ":(\\d{1,9})\\b").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Appends (never overwrites: earlier steps of the job write to the same file) the summary GitHub shows. */
    private static void appendStepSummary(String text, Output output, CliContext context) {
        String markdown = cut(text, SUMMARY_LIMIT);
        String name = context.env().get("GITHUB_STEP_SUMMARY").orElse("");
        if (name.isBlank()) {
            return;
        }
        Path file = context.resolve(Path.of(name));
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            output.warn("could not append the summary to $GITHUB_STEP_SUMMARY (" + file + "): " + e.getMessage());
        }
    }
}
