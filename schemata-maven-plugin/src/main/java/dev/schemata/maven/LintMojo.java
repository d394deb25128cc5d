package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.Severity;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code schemata:lint}: finds statements that lock or rewrite busy tables, lose data or break the running
 * application, as {@code schemata lint} does, and fails the build on an error-level finding. Without a configured
 * database it lints every migration statically (it never starts the embedded database); with one, the pending
 * migrations, knowing each table's size.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends SchemataMojo {
    /** Rules not to report. */
    @Parameter(property = "schemata.lint.disable")
    List<String> disable;

    /** A rule's severity instead of its default: {@code <index-not-concurrent>warning</index-not-concurrent>}. */
    @Parameter
    Map<String, String> severities;

    /** Lint statically even when a database is configured. */
    @Parameter(property = "schemata.lint.noDatabase", defaultValue = "false")
    boolean noDatabase;

    /** Fail the build on warnings too, not only on error-level findings. */
    @Parameter(property = "schemata.lint.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    @Override
    void run() {
        LintOptions options = environment().lint().toOptions();
        if (disable != null && !disable.isEmpty()) {
            options = options.withDisabled(disable);
        }
        if (severities != null) {
            for (Map.Entry<String, String> e : severities.entrySet()) {
                options = options.withSeverity(e.getKey(), Severity.parse(e.getValue()));
            }
        }
        Optional<ConnectionSettings> database = noDatabase ? Optional.empty() : configuredTarget();
        Schemata.Builder builder = configureWithoutDatabase(null).lintOptions(options);
        database.ifPresent(d -> builder.url(d.urlWithPassword()));
        LintReport report = builder.load().lint();
        for (Finding f : report.findings()) {
            String line = f.file() + ":" + f.line() + ":" + f.column() + ": " + f.rule() + ": " + f.message()
                    + "\n    " + f.excerpt() + "\n    instead: " + f.safeAlternative();
            switch (f.severity()) {
                case ERROR -> error(line);
                case WARNING -> warn(line);
                default -> info(line);
            }
        }
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        String summary = "lint: " + report.files() + " file" + (report.files() == 1 ? "" : "s") + ", " + report.statements()
                + " statement" + (report.statements() == 1 ? "" : "s") + (report.usedDatabase()
                ? " (pending migrations, with table sizes from " + database.map(ConnectionSettings::maskedUrl).orElse("the database") + ")"
                : " (statically: no database asked)") + ": " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings
                + " warning" + (warnings == 1 ? "" : "s");
        info(summary);
        Optional<Finding> first = report.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR || failOnWarning && f.severity() == Severity.WARNING).findFirst();
        if (first.isPresent()) {
            Finding f = first.get();
            throw new SchemataException(ErrorCode.LINT_FINDINGS, summary + "; first: " + f.file() + ":" + f.line() + ": "
                    + f.rule() + ": " + f.message() + " (suppress with -- schemata:lint-ignore " + f.rule() + ")");
        }
    }
}
