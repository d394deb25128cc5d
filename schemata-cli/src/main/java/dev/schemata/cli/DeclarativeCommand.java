package dev.schemata.cli;

import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Hazard;
import dev.schemata.diff.HazardKind;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;
import dev.schemata.history.HistoryTable;
import dev.schemata.report.Finding;
import dev.schemata.report.Level;
import dev.schemata.report.Markdown;
import dev.schemata.report.Report;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the declarative commands share: their options, the loader that builds schemas on throwaway
 * databases ({@link BaseCommand#scratchServers}), and how a plan is printed and described in JSON.
 */
abstract class DeclarativeCommand extends BaseCommand {
    @Mixin
    DeclarativeOptions declarative;

    @Mixin
    MigrationsOptions migrations;

    @Mixin
    ScratchSuperuserOption scratchSuperuser;

    SchemaLoader loader(Integer major) {
        return new SchemaLoader(scratchServers(scratchSuperuser), major, declarative.filter(), historyTable(), output()::notice);
    }

    /** A schema source as {@code db:URL}, {@code file:PATH} or {@code dir:PATH}; a URL's password is kept out of the output. */
    SchemaSource parseSource(String spec, String option) {
        ConnectionResolver resolver = new ConnectionResolver(context().env(), output()::warn);
        return SchemaSource.parse(spec, url -> {
            var settings = resolver.fromUrl(url, option);
            output().addSecret(settings.password());
            return settings;
        }, path -> context().resolve(java.nio.file.Path.of(path)));
    }

    HistoryTable historyTable() {
        return migrations.historyTable();
    }

    /** The major version to build schemas with when no live database is compared: the scratch server's or the target's. */
    int fallbackMajor() {
        var url = context().env().get("SCHEMATA_SCRATCH_URL");
        ConnectionSettings settings = url.isPresent() ? scratchSettings(url.get()) : target();
        try (Connection c = Database.connect(settings)) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw Database.connectionFailure(settings, e);
        }
    }

    // ---------------------------------------------------------------- rendering

    void printPlan(Plan plan, String heading) {
        Output out = output();
        out.result(heading + ": " + plan.steps().size() + " step" + (plan.steps().size() == 1 ? "" : "s") + summary(plan));
        if (plan.asWritten()) {
            out.result("The database has no objects of its own: apply runs the schema file as written, schema and data, "
                    + "in one transaction.");
        } else if (!plan.dataSteps().isEmpty()) {
            out.result("Data from the schema file for the tables the plan creates runs after the schema steps, in the "
                    + "file's order.");
        }
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            out.result("");
            String prefix = String.format("%3d. ", n);
            List<String> lines = step.sql().strip().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                out.result((i == 0 ? prefix : "     ") + lines.get(i) + (i == lines.size() - 1 ? ";" : ""));
            }
            for (Hazard hazard : step.hazards()) {
                out.result("     " + out.paint("hazard " + hazard.kind(), "33") + ": " + hazard.reason());
            }
            if (step.copyData() != null) {
                long rows = step.copyData().lines().count();
                out.result("     (" + rows + " data line" + (rows == 1 ? "" : "s") + ")");
            }
            if (step.origin() != null && !plan.asWritten()) {
                out.result("     (from " + step.origin() + ")");
            }
            if (!step.transactional()) {
                out.result("     (runs outside a transaction)");
            }
            if (step.lockTimeout() != null) {
                out.result("     (lock_timeout " + step.lockTimeout().toMillis() + "ms)");
            }
        }
        skipped(plan);
    }

    void skipped(Plan plan) {
        if (!plan.skipped().isEmpty()) {
            output().warn("not compared or not planned (Schemata cannot represent or change them): " + String.join(", ", plan.skipped()));
        }
        notApplied(plan);
    }

    /** The schema file's data statements that the plan does not run, so that none is dropped without a word. */
    void notApplied(Plan plan) {
        List<Plan.NotApplied> left = plan.notApplied();
        if (left.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(left.size() + " data statement" + (left.size() == 1 ? "" : "s")
                + " of the schema file " + (left.size() == 1 ? "is" : "are") + " not applied:");
        int shown = Math.min(left.size(), 20);
        for (Plan.NotApplied n : left.subList(0, shown)) {
            message.append("\n  ").append(n.origin()).append(": ").append(n.summary()).append("\n    ").append(n.reason());
        }
        if (shown < left.size()) {
            message.append("\n  … and ").append(left.size() - shown).append(" more (all of them with --json)");
        }
        message.append("\nWrite changes to rows of existing tables as a versioned migration.");
        output().warn(message.toString());
    }

    static String summary(Plan plan) {
        if (plan.hazardCounts().isEmpty()) {
            return ", no hazards";
        }
        List<String> parts = new ArrayList<>();
        plan.hazardCounts().forEach((kind, count) -> parts.add(kind + " " + count));
        return "; hazards: " + String.join(", ", parts);
    }

    /**
     * A plan for CI: one case per step, a warning per hazard, a warning per object not compared and per data
     * statement not applied (nothing skipped without a word), and the whole plan as Markdown for the summary or a
     * pull-request comment. Warnings, not errors: a plan with hazards is a plan to review, not a failure.
     */
    static Report report(String command, String summary, Plan plan, String schemaFile) {
        List<Report.Case> cases = new ArrayList<>();
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            String first = step.sql().strip().lines().findFirst().orElse("") + (step.sql().strip().contains("\n") ? " …" : "");
            List<Finding> findings = new ArrayList<>();
            for (Hazard hazard : step.hazards()) {
                findings.add(new Finding(Level.WARNING, schemaFile, originLine(step.origin()), 0,
                        command + ": hazard " + hazard.kind(), "step " + n + ": " + first + "\n" + hazard.reason()));
            }
            cases.add(new Report.Case("step " + n + ": " + first, findings));
        }
        if (!plan.skipped().isEmpty()) {
            cases.add(new Report.Case("not compared", plan.skipped().stream().map(s -> new Finding(Level.WARNING, null, 0, 0,
                    command + ": not compared", "Schemata cannot represent or change it: " + s)).toList()));
        }
        if (!plan.notApplied().isEmpty()) {
            cases.add(new Report.Case("data statements not applied", plan.notApplied().stream().map(d -> new Finding(
                    Level.WARNING, schemaFile, originLine(d.origin()), 0, command + ": data statement not applied",
                    d.summary() + "\n" + d.reason())).toList()));
        }
        return new Report(command, summary, cases, markdown(plan));
    }

    /** The line of a step's origin ({@code init.sql:12}), or 0. */
    static int originLine(String origin) {
        if (origin == null) {
            return 0;
        }
        int colon = origin.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(origin.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The plan's steps as Markdown: each step's SQL as a code block, its hazards and how it runs below it. */
    static String markdown(Plan plan) {
        StringBuilder md = new StringBuilder();
        if (plan.asWritten()) {
            md.append("The database has no objects of its own: apply runs the schema file as written, schema and data, "
                    + "in one transaction.\n\n");
        }
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            md.append("**Step ").append(n).append("**");
            List<String> notes = new ArrayList<>();
            if (!step.transactional()) {
                notes.add("runs outside a transaction");
            }
            if (step.lockTimeout() != null) {
                notes.add("lock_timeout " + step.lockTimeout().toMillis() + "ms");
            }
            if (step.origin() != null && !plan.asWritten()) {
                notes.add("from " + step.origin());
            }
            if (step.copyData() != null) {
                long rows = step.copyData().lines().count();
                notes.add(rows + " data line" + (rows == 1 ? "" : "s"));
            }
            md.append(notes.isEmpty() ? "" : " (" + Markdown.inline(String.join(", ", notes)) + ")").append("\n\n");
            md.append(Markdown.codeBlock("sql", step.sql().strip() + ";")).append('\n');
            for (Hazard hazard : step.hazards()) {
                md.append("- :warning: **hazard ").append(hazard.kind()).append("**: ").append(Markdown.inline(hazard.reason()))
                        .append('\n');
            }
            if (!step.hazards().isEmpty()) {
                md.append('\n');
            }
        }
        if (!plan.skipped().isEmpty()) {
            md.append("Not compared or not planned (Schemata cannot represent or change them): ")
                    .append(Markdown.inline(String.join(", ", plan.skipped()))).append("\n\n");
        }
        if (!plan.notApplied().isEmpty()) {
            md.append("Data statements of the schema file not applied:\n\n");
            for (Plan.NotApplied d : plan.notApplied()) {
                md.append("- ").append(Markdown.inline(d.origin() + ": " + d.summary() + " (" + d.reason() + ")")).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The documented JSON form of a plan (see docs/declarative.md). */
    static Map<String, Object> describe(Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inSync", plan.isEmpty());
        json.put("sourceChecksum", plan.sourceChecksum());
        json.put("asWritten", plan.asWritten());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("sql", step.sql());
            s.put("transactional", step.transactional());
            s.put("lockTimeoutMs", step.lockTimeout() == null ? null : step.lockTimeout().toMillis());
            s.put("statementTimeoutMs", step.statementTimeout() == null ? null : step.statementTimeout().toMillis());
            List<Map<String, Object>> hazards = new ArrayList<>();
            for (Hazard h : step.hazards()) {
                Map<String, Object> hazard = new LinkedHashMap<>();
                hazard.put("kind", h.kind().name());
                hazard.put("reason", h.reason());
                hazards.add(hazard);
            }
            s.put("hazards", hazards);
            s.put("origin", step.origin());
            if (step.copyData() != null) {
                s.put("copyLines", step.copyData().lines().count());
            }
            steps.add(s);
        }
        json.put("steps", steps);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Map.Entry<HazardKind, Integer> e : plan.hazardCounts().entrySet()) {
            counts.put(e.getKey().name(), e.getValue());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", plan.steps().size());
        summary.put("hazards", counts);
        json.put("summary", summary);
        json.put("skipped", plan.skipped());
        List<Map<String, Object>> notApplied = new ArrayList<>();
        for (Plan.NotApplied n : plan.notApplied()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("origin", n.origin());
            item.put("sql", n.sql());
            item.put("reason", n.reason());
            notApplied.add(item);
        }
        json.put("notApplied", notApplied);
        return json;
    }
}
