package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.PendingLint;
import dev.schemata.lint.Severity;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code lint} and {@code migrate --lint} share: which files are pending, and findings as text. */
final class LintOutput {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);

    private LintOutput() {
    }

    /**
     * The migrations {@code migrate} would apply (pending, failed, out of order), in apply order, named as
     * paths relative to the working directory so that editors and code-scanning services find them.
     */
    static List<LintSource> pending(MigrationSet set, StatusReport report, CliContext context) {
        return PendingLint.pending(set, report, file -> display(context, file));
    }

    /** Every migration of the set, in apply order, named like {@link #pending}. */
    static List<LintSource> all(MigrationSet set, CliContext context) {
        return PendingLint.all(set, file -> display(context, file));
    }

    /** A migration file as {@link #display(CliContext, java.nio.file.Path)} shows it, or its jar URL. */
    static String display(CliContext context, dev.schemata.migration.MigrationFile file) {
        return file instanceof dev.schemata.migration.MigrationFile.OnDisk disk ? display(context, disk.path())
                : file.location();
    }

    /** A path relative to the working directory when it is below it, as users typed it. */
    static String display(CliContext context, java.nio.file.Path path) {
        java.nio.file.Path work = context.workDir();
        java.nio.file.Path normal = path.toAbsolutePath().normalize();
        String shown = normal.startsWith(work) ? work.relativize(normal).toString() : normal.toString();
        return shown.isEmpty() ? "." : shown.replace('\\', '/');
    }

    /** One finding as text: location, severity, rule and message, the source line, the safe alternative. */
    static List<String> describe(Finding f, Output output) {
        String severity = switch (f.severity()) {
            case ERROR -> output.paint("error", "31");
            case WARNING -> output.paint("warning", "33");
            case INFO -> output.paint("info", "36");
        };
        List<String> lines = new ArrayList<>();
        lines.add(f.file() + ":" + f.line() + ":" + f.column() + ": " + severity + " [" + f.rule() + "] " + f.message());
        if (!f.excerpt().isEmpty()) {
            lines.add("    | " + f.excerpt());
        }
        lines.add("    = safe alternative: " + f.safeAlternative());
        return lines;
    }

    static void print(LintReport report, Output output, Consumer<String> sink) {
        for (Finding f : report.findings()) {
            describe(f, output).forEach(sink);
            sink.accept("");
        }
    }

    /** "2 findings (1 error, 1 warning) in 3 files", or "no findings in 3 files". */
    static String summary(LintReport report) {
        int n = report.findings().size();
        String files = report.files() + " file" + (report.files() == 1 ? "" : "s");
        if (n == 0) {
            return "no findings in " + files;
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            long count = report.count(s);
            if (count > 0) {
                parts.add(count + " " + s.label() + (count == 1 ? "" : s == Severity.INFO ? "" : "s"));
            }
        }
        return n + " finding" + (n == 1 ? "" : "s") + " (" + String.join(", ", parts) + ") in " + files;
    }

    /** Adds {@code --disable}, {@code --severity} and the thresholds to the defaults. */
    /** The environment's {@code [lint]} settings; options on the command line add to them or override them. */
    static LintOptions fromConfig(dev.schemata.config.LintSettings settings) {
        return settings.toOptions();
    }

    static LintOptions options(LintOptions base, List<String> disable, java.util.Map<String, String> severities, Long rows,
                               String bytes, boolean useDatabase) {
        LintOptions options = base.withDatabase(useDatabase);
        List<String> disabled = new ArrayList<>();
        for (String id : disable) {
            if (!id.isBlank()) {
                disabled.add(id.strip());
            }
        }
        options = options.withDisabled(disabled);
        for (java.util.Map.Entry<String, String> e : severities.entrySet()) {
            options = options.withSeverity(e.getKey().strip(), Severity.parse(e.getValue()));
        }
        long thresholdRows = rows == null ? options.thresholdRows() : rows;
        long thresholdBytes = bytes == null ? options.thresholdBytes() : bytes(bytes, "--threshold-bytes");
        return options.withThresholds(thresholdRows, thresholdBytes);
    }

    /** {@code 1048576}, {@code 512kB}, {@code 16MB}, {@code 1GiB}: powers of 1024, as pg_size_pretty counts. */
    static long bytes(String text, String option) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, option + ": invalid size \"" + text
                    + "\" (examples: 1048576, 512kB, 16MB, 1GB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null || m.group(2).isEmpty() ? "b" : m.group(2).substring(0, 1).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            case "t" -> n << 40;
            default -> n;
        };
    }
}
