package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.migrate.RollbackCheck;
import dev.schemata.migrate.RollbackVerification;
import dev.schemata.migrate.RollbackVerifier;
import dev.schemata.migrate.VerifyRollbackOptions;
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
import java.util.Optional;

/** {@code schemata verify-rollback}: prove on a throwaway database that each down undoes its up. */
@Command(name = "verify-rollback", mixinStandardHelpOptions = true,
        description = {"Prove that each down migration undoes its up: on a throwaway database created on the target's server"
                + " (the dev database when none is configured) and dropped afterwards, apply up, down and up again for each"
                + " migration and compare the schema after each step.",
                "Exit 1 when a down is missing, fails, or leaves a difference."})
final class VerifyRollbackCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--from", paramLabel = "VERSION",
            description = "First version to check; earlier migrations are applied without checks to reach it.")
    String from;

    @Option(names = "--to", paramLabel = "VERSION", description = "Last version to check.")
    String to;

    @Mixin
    PlaceholderOption placeholder;

    @Option(names = "--allow-cluster-changes",
            description = "Run migrations that change roles, databases, tablespaces or server settings, which belong to the whole"
                    + " server, not to the throwaway database (always allowed on the dev database).")
    boolean allowClusterChanges;

    @picocli.CommandLine.Mixin
    ScratchSuperuserOption scratchSuperuser;

    @Mixin
    ReportFormatOption reportFormat;

    @Override
    public Integer call() {
        String format = reportFormat.chosen(output());
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        Optional<ConnectionSettings> configured = configuredTarget();
        ConnectionSettings server = configured.orElseGet(() -> devDatabase().ensureRunning(output()::notice));
        VerifyRollbackOptions options = new VerifyRollbackOptions(from == null ? null : MigrateCommand.parseVersion(from),
                to == null ? null : MigrateCommand.parseVersion(to), placeholder.values(output()), allowClusterChanges || configured.isEmpty(),
                scratchSuperuser.enabled(context().env()));
        RollbackVerification result = new RollbackVerifier(output()::notice).verify(server, set, options);
        if (CiReports.isCi(format)) {
            CiReports.print(format, ciReport(set, result), output(), context());
        } else if (format.equals("json")) {
            output().json(json(server, result));
        } else {
            print(output(), result);
        }
        return result.passed() ? 0 : 1;
    }

    static Map<String, Object> json(ConnectionSettings server, RollbackVerification result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", server.maskedUrl());
        json.put("passed", result.passed());
        json.put("applied", result.applied());
        json.put("checked", result.checks().size());
        json.put("problems", result.problems().size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (RollbackCheck c : result.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", c.version());
            m.put("description", c.description());
            m.put("file", c.file());
            m.put("downFile", c.downFile());
            m.put("result", c.outcome().label());
            m.put("message", c.message());
            m.put("differences", c.differences());
            m.put("elapsedMs", c.elapsedMs());
            list.add(m);
        }
        json.put("migrations", list);
        json.put("elapsedMs", result.elapsed().toMillis());
        return json;
    }

    /**
     * One case per migration checked. A problem points at the file at fault: the down when it fails, is empty or
     * leaves a difference, else the up; at the line its error names, when it names one.
     */
    private Report ciReport(MigrationSet set, RollbackVerification result) {
        List<Report.Case> cases = new ArrayList<>();
        for (RollbackCheck c : result.checks()) {
            List<Finding> findings = new ArrayList<>();
            if (c.isProblem()) {
                boolean down = c.downFile() != null && switch (c.outcome()) {
                    case DOWN_FAILED, EMPTY_DOWN, LEAVES_DIFFERENCE -> true;
                    default -> false;
                };
                String file = down ? c.downFile() : c.file();
                StringBuilder message = new StringBuilder(c.message() == null ? c.outcome().label().replace('_', ' ') : c.message());
                c.differences().forEach(d -> message.append("\n- ").append(d));
                findings.add(new Finding(Level.ERROR, file == null ? null : LintOutput.display(context(), set.directory().resolve(file)),
                        CiReports.lineIn(c.message(), file), 0, "verify-rollback: " + c.outcome().label().replace('_', ' '),
                        message.toString()));
            }
            cases.add(new Report.Case(c.version() + " " + c.description(), findings));
        }
        int problems = result.problems().size();
        String summary = String.format("checked %d migration%s: %d ok, %d with problems", result.checks().size(),
                result.checks().size() == 1 ? "" : "s", result.checks().size() - problems, problems);
        return new Report("verify-rollback", summary, cases, "");
    }

    static void print(Output out, RollbackVerification result) {
        for (RollbackCheck c : result.checks()) {
            String mark = c.isProblem() ? out.paint("FAIL", "31") : "ok  ";
            out.result(mark + "  " + c.version() + " " + c.description() + (c.isProblem() ? ": " + c.outcome().label().replace('_', ' ') : ""));
            if (c.isProblem() && c.message() != null) {
                out.result("        " + c.message().replace("\n", "\n        "));
            }
            for (String d : c.differences()) {
                out.result("        - " + d);
            }
        }
        int problems = result.problems().size();
        out.result(String.format("Checked %d migration%s in %.1f s: %d ok, %d with problems.", result.checks().size(),
                result.checks().size() == 1 ? "" : "s", result.elapsed().toMillis() / 1000.0, result.checks().size() - problems,
                problems));
    }
}
