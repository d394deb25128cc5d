package dev.schemata.cli;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.fleet.TargetResult;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintFormats;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintReport;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.lint.Rule;
import dev.schemata.lint.Rules;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationSet;
import dev.schemata.report.Level;
import dev.schemata.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code schemata lint}: find statements that lock or rewrite busy tables, lose data or break the running application. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check migrations for statements that lock or rewrite busy tables, lose data, or break the "
                + "application that runs while they are applied. With a database (--url or the configured target) "
                + "it lints the pending migrations and knows each table's size: new and small tables raise no lock "
                + "or rewrite findings. Without one it lints statically.",
                "Exit 1 when an error-level finding remains. Rules: schemata lint --explain all."})
final class LintCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "SQL files, linted as one run in this order (default: the pending migrations of --dir, "
                    + "or all of them when no database is configured).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "human, json, sarif, github (annotations and a step summary), junit (JUnit XML) or markdown "
                    + "(default: human; --json is json). See docs/ci.md.")
    String format;

    @Option(names = "--no-db", description = "Lint statically: do not ask the database about tables.")
    boolean noDb;

    @Option(names = "--separately", description = "Lint each file on its own, as if no other file ran before it.")
    boolean separately;

    @Option(names = "--threshold-rows", paramLabel = "ROWS",
            description = "Tables with fewer estimated rows (and fewer bytes) are small (default: "
                    + LintOptions.DEFAULT_THRESHOLD_ROWS + ").")
    Long thresholdRows;

    @Option(names = "--threshold-bytes", paramLabel = "SIZE",
            description = "Tables smaller than this (and with fewer rows) are small, e.g. 16MB (default: 16MB).")
    String thresholdBytes;

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Do not report this rule (repeatable).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "RULE=LEVEL",
            description = "Report a rule at another severity: error, warning or info (repeatable).")
    Map<String, String> severities = new LinkedHashMap<>();

    @Option(names = "--explain", paramLabel = "RULE", description = "Print a rule's documentation (all: every rule) and exit.")
    String explain;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        if (explain != null) {
            context().out().print(explain(explain));
            context().out().flush();
            return 0;
        }
        String format = format();
        LintOptions options = LintOutput.options(LintOutput.fromConfig(environment().lint()), disable, severities,
                thresholdRows, thresholdBytes, !noDb);
        if (fleet.active(this)) {
            return lintFleet(options, format);
        }
        Optional<ConnectionSettings> target = noDb ? Optional.empty() : configuredTarget();
        LintReport report;
        List<LintSource> sources;
        if (target.isPresent()) {
            try (Connection c = connect(target.get())) {
                sources = files.isEmpty() ? pending(target.get()) : read(files);
                report = lint(sources, Optional.of(c), options);
            } catch (SQLException e) {
                throw Database.connectionFailure(target.get(), e);
            }
        } else {
            if (files.isEmpty()) {
                MigrationSet set = MigrationSet.scan(migrations.dir(context()));
                sources = LintOutput.all(set, context());
                // Without a database the directory is history: each migration runs against the tables of the
                // ones before it, which by then hold data.
                options = options.withEarlierFilesApplied(true);
                String why = noDb ? "--no-db" : "No database configured (--url, SCHEMATA_URL, DATABASE_URL or PG* variables)";
                output().notice(why + ": linting all " + sources.size() + " migration" + (sources.size() == 1 ? "" : "s")
                        + " of " + display(migrations.dir(context()))
                        + " statically, each as if the ones before it were applied.");
            } else {
                sources = read(files);
            }
            report = lint(sources, Optional.empty(), options);
        }
        switch (format) {
            case "json" -> output().json(LintFormats.json(report));
            case "sarif" -> output().json(LintFormats.sarif(report, BuildInfo.load().version()));
            case "github", "junit", "markdown" -> CiReports.print(format, ciReport(sources, report), output(), context());
            default -> {
                // One write for the whole listing: a few thousand findings print in one go.
                StringBuilder text = new StringBuilder();
                LintOutput.print(report, output(), line -> text.append(line).append('\n'));
                text.append(LintOutput.summary(report)).append(report.usedDatabase() ? "" : " (static: no database)");
                output().result(text.toString());
            }
        }
        return report.hasErrors() ? ErrorCode.LINT_FINDINGS.exitCode() : 0;
    }

    /**
     * Each target's pending migrations against its own tables (a tenant's, through its search_path): a table
     * that is large on one target and small on another is reported where it is large.
     */
    private int lintFleet(LintOptions options, String format) {
        if (noDb || !files.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "lint over a fleet lints each target's pending migrations"
                    + " against its database: drop --no-db and the file arguments, or lint without --targets");
        }
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        return fleet.run(this, "lint", format, t -> {
            var table = t.historyTable(migrations.historyTable());
            StatusReport status = new Inspector(t.connections(), table).status(set);
            List<LintSource> sources = LintOutput.pending(set, status, context());
            LintReport report;
            try (Connection c = t.connections().open()) {
                report = lint(sources, Optional.of(c), options);
            } catch (SQLException e) {
                throw Database.connectionFailure(t.database(), e);
            }
            List<String> problems = report.findings().stream().map(f -> f.severity().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + f.file() + ":" + f.line() + ": " + f.rule() + ": " + f.message()).toList();
            return TargetResult.of(t, report.hasErrors() ? TargetResult.Status.PROBLEMS : TargetResult.Status.OK,
                    status.current(), status.current(), sources.size() + " pending, " + LintOutput.summary(report), problems, null);
        });
    }

    private LintReport lint(List<LintSource> sources, Optional<Connection> connection, LintOptions options) {
        if (!separately) {
            return Linter.lint(sources, connection, options);
        }
        List<Finding> findings = new ArrayList<>();
        int statements = 0;
        for (LintSource source : sources) {
            LintReport one = Linter.lint(List.of(source), connection, options);
            findings.addAll(one.findings());
            statements += one.statements();
        }
        return new LintReport(findings, sources.size(), statements, connection.isPresent() && options.useDatabase());
    }

    private String format() {
        return CiReports.choose(format, options().json, List.of("human", "json", "sarif", "github", "junit", "markdown"));
    }

    /** One case per file linted, so that a clean file shows as a passing test; its findings at their lines. */
    private static Report ciReport(List<LintSource> sources, LintReport report) {
        Map<String, List<dev.schemata.report.Finding>> byFile = new LinkedHashMap<>();
        sources.forEach(s -> byFile.put(s.name(), new ArrayList<>()));
        for (Finding f : report.findings()) {
            Level level = switch (f.severity()) {
                case ERROR -> Level.ERROR;
                case WARNING -> Level.WARNING;
                case INFO -> Level.NOTICE;
            };
            byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(new dev.schemata.report.Finding(level, f.file(),
                    f.line(), f.column(), "lint: " + f.rule(), f.message() + "\nSafe alternative: " + f.safeAlternative()));
        }
        List<Report.Case> cases = byFile.entrySet().stream().map(e -> new Report.Case(e.getKey(), e.getValue())).toList();
        return new Report("lint", LintOutput.summary(report) + (report.usedDatabase() ? "" : " (static: no database)"), cases, "");
    }

    private Connection connect(ConnectionSettings target) {
        try {
            return Database.connect(target);
        } catch (SchemataException e) {
            if (e.code() == ErrorCode.CONNECTION_FAILED) {
                throw new SchemataException(e.code(), e.getMessage() + " Use --no-db to lint without a database.", e);
            }
            throw e;
        }
    }

    private List<LintSource> pending(ConnectionSettings target) {
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        List<LintSource> sources = LintOutput.pending(set,
                new Inspector(ConnectionFactory.of(target), migrations.historyTable()).status(set), context());
        output().notice("Linting " + sources.size() + " pending migration" + (sources.size() == 1 ? "" : "s") + " of "
                + display(migrations.dir(context())) + " against " + target.maskedUrl() + ".");
        return sources;
    }

    private List<LintSource> read(List<Path> paths) {
        List<LintSource> sources = new ArrayList<>();
        for (Path path : paths) {
            Path file = context().resolve(path);
            if (Files.isDirectory(file)) {
                throw new SchemataException(ErrorCode.BAD_USAGE, display(file) + " is a directory: name its files, or lint "
                        + "a migrations directory with --dir " + display(file));
            }
            sources.add(LintSource.read(file, display(file)));
        }
        return sources;
    }

    private String display(Path path) {
        return LintOutput.display(context(), path);
    }

    static String explain(String id) {
        if (id.equalsIgnoreCase("all")) {
            return Rules.markdown();
        }
        return Rules.find(id.strip()).map(Rule::markdown).orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                "unknown lint rule \"" + id + "\"; known rules: "
                        + Rules.all().stream().map(Rule::id).collect(Collectors.joining(", "))));
    }
}
