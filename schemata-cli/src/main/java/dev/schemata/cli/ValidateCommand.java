package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.config.RequiredObjects;
import dev.schemata.declarative.Drift;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.Step;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.ValidationResult;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migration.MigrationSet;
import dev.schemata.report.Finding;
import dev.schemata.report.Level;
import dev.schemata.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata validate}: does the database match its migrations? */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check applied checksums, missing files, failed or partial migrations, out-of-order pending files "
                + "and required objects; exit 1 with a report on any problem.")
final class ValidateCommand extends BaseCommand {
    @Mixin
    ScratchSuperuserOption scratchSuperuser;

    @Mixin
    MigrationsOptions migrations;

    @Mixin
    UnsupportedOption unsupported;

    @Option(names = "--require-table", paramLabel = "[SCHEMA.]TABLE[,…]",
            description = "Tables that must exist (comma-separated, repeatable; added to the environment's require_tables).")
    List<String> requiredTables = new ArrayList<>();

    @Option(names = "--require-index", paramLabel = "[SCHEMA.]INDEX[,…]",
            description = "Indexes that must exist (comma-separated, repeatable; added to the environment's require_indexes).")
    List<String> requiredIndexes = new ArrayList<>();

    @Option(names = "--schema", description = "Also compare the live schema with the schema the applied migrations build"
            + " (on a throwaway database): a dropped table or index, a changed column, … is a problem.")
    boolean schema;

    @Mixin
    ReportFormatOption reportFormat;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        String format = reportFormat.chosen(output());
        RequiredObjects required = environment().required().and(new RequiredObjects(
                RequiredObjects.names(requiredTables, "--require-table"), RequiredObjects.names(requiredIndexes, "--require-index")));
        if (fleet.active(this)) {
            MigrationSet set = MigrationSet.scan(migrations.dir(context()));
            if (schema) {
                throw new dev.schemata.SchemataException(dev.schemata.ErrorCode.BAD_USAGE, "validate --schema compares one database;"
                        + " over a fleet use drift (databases), or validate --schema per target");
            }
            return fleet.run(this, "validate", format, FleetWork.validate(set, migrations.historyTable(), required.tables(), required.indexes()));
        }
        FilesAndHistory read = filesAndHistory(migrations.dir(context()), migrations.historyTable());
        MigrationSet set = read.set();
        ConnectionSettings target = read.target();
        ValidationResult result = new Inspector(ConnectionFactory.of(target), migrations.historyTable())
                .validate(set, read.rows(), required.tables(), required.indexes());
        if (schema) {
            result = withSchema(result, set, target);
        }
        if (CiReports.isCi(format)) {
            CiReports.print(format, ciReport(set, result, target), output(), context());
        } else if (format.equals("json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", target.maskedUrl());
            json.put("valid", result.valid());
            json.put("current", result.status().current());
            json.put("problems", result.problems());
            output().json(json);
        } else if (result.valid()) {
            output().notice("valid: " + target.maskedUrl() + " matches " + set.directory().getFileName()
                    + " (version " + (result.status().current() == null ? "none" : result.status().current()) + ")");
        } else {
            output().result("Validation of " + target.maskedUrl() + " found " + result.problems().size() + " problem"
                    + (result.problems().size() == 1 ? "" : "s") + ":");
            result.problems().forEach(p -> output().result("  - " + p));
        }
        return result.valid() ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }

    /**
     * One case per migration, holding the problems that start with its file (as {@link Inspector#validate} words
     * them), and one per other problem (required objects, schema differences).
     */
    private Report ciReport(MigrationSet set, ValidationResult result, ConnectionSettings target) {
        List<String> left = new ArrayList<>(result.problems());
        List<Report.Case> cases = new ArrayList<>();
        for (MigrationStatus s : result.status().migrations()) {
            if (s.file() == null) {
                continue;
            }
            String shown = LintOutput.display(context(), set.directory().resolve(s.file()));
            List<Finding> findings = new ArrayList<>();
            for (java.util.Iterator<String> it = left.iterator(); it.hasNext(); ) {
                String problem = it.next();
                if (problem.startsWith(s.file() + ": ") || problem.contains("(" + s.file() + ")")) {
                    it.remove();
                    String title = "validate: " + (s.state() == MigrationState.PENDING ? "stopped part-way"
                            : s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    // A missing file has no line to point at, and GitHub cannot annotate a file that is not there.
                    boolean exists = s.state() != MigrationState.MISSING_FILE;
                    findings.add(new Finding(Level.ERROR, exists ? shown : null, CiReports.lineIn(s.error(), s.file()), 0,
                            title, problem.startsWith(s.file() + ": ") ? shown + problem.substring(s.file().length()) : problem));
                }
            }
            cases.add(new Report.Case(shown, findings));
        }
        for (String problem : left) {
            cases.add(new Report.Case(problem, List.of(new Finding(Level.ERROR, null, 0, 0, "validate", problem))));
        }
        String summary = result.valid()
                ? "valid: " + target.maskedUrl() + " matches " + LintOutput.display(context(), set.directory())
                : "validation of " + target.maskedUrl() + " found " + result.problems().size() + " problem"
                + (result.problems().size() == 1 ? "" : "s");
        return new Report("validate", summary, cases, "");
    }

    /** The problems, plus one per step that would take the live schema to the migrations' schema. */
    private ValidationResult withSchema(ValidationResult result, MigrationSet set, ConnectionSettings target) {
        try (SchemaLoader loader = new SchemaLoader(scratchServers(scratchSuperuser), null, SchemaFilter.all(), migrations.historyTable(),
                output()::notice)) {
            Drift.Report report = Drift.againstMigrations(loader, new SchemaSource.Directory(set.directory()), ConnectionFactory.of(target),
                    PlanOptions.defaults());
            List<String> problems = new ArrayList<>(result.problems());
            for (Drift.Finding f : report.findings()) {
                for (Step step : f.plan().steps()) {
                    problems.add("the schema differs from " + f.expected() + "; to match it would take: "
                            + step.sql().strip().lines().findFirst().orElse("") + (step.sql().strip().contains("\n") ? " …" : ""));
                }
            }
            // Objects the model cannot represent were not compared, with or without other differences.
            if (unsupported.allowed) {
                unsupported.check(report.notCompared(), "validate --schema cannot compare", output());
            } else {
                report.notCompared().forEach(s -> problems.add("not compared (the model cannot represent it; "
                        + "--allow-unsupported to go on without it): " + s));
            }
            if (problems.size() == result.problems().size()) {
                output().notice("the schema matches " + report.reference() + (report.notCompared().isEmpty() ? ""
                        : " (not compared: " + String.join(", ", report.notCompared()) + ")"));
            }
            return new ValidationResult(result.status(), problems);
        }
    }
}
