package dev.schemata.cli;

import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.devdb.ServerUser;
import dev.schemata.diff.Hazard;
import dev.schemata.diff.HazardKind;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;
import dev.schemata.history.HistoryTable;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What the declarative commands share: their options, the loader that builds schemas on throwaway
 * databases, and how a plan is printed and described in JSON.
 *
 * <p>Throwaway databases are made on the server named by {@code SCHEMATA_SCRATCH_URL} when it is set (a
 * superuser URL of any database on a server of the target's major version, as CI may provide), else on the
 * dev cluster when it has the target's major version, else on a scratch cluster under
 * {@code .schemata/scratch-<major>/}.
 */
abstract class DeclarativeCommand extends BaseCommand {
    @Mixin
    DeclarativeOptions declarative;

    @Mixin
    MigrationsOptions migrations;

    @Mixin
    ScratchSuperuserOption scratchSuperuser;

    SchemaLoader loader(Integer major) {
        return new SchemaLoader(scratchServers(), major, declarative.filter(), historyTable(), output()::notice);
    }

    HistoryTable historyTable() {
        return migrations.historyTable();
    }

    private IntFunction<ScratchServer> scratchServers() {
        return major -> {
            var url = context().env().get("SCHEMATA_SCRATCH_URL");
            if (url.isPresent()) {
                return ScratchServer.on(scratchSettings(url.get()), scratchSuperuser.enabled(context().env()));
            }
            return ScratchServer.forMajor(major, devDatabase(), context().workDir(), binaryLocator(),
                    ServerUser.detect(context().env()), scratchSuperuser.enabled(context().env()), output()::notice);
        };
    }

    private ConnectionSettings scratchSettings(String url) {
        ConnectionSettings settings = new ConnectionResolver(context().env(), output()::warn).fromUrl(url, "SCHEMATA_SCRATCH_URL");
        output().addSecret(settings.password());
        return settings;
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
            output().warn("not compared (the model cannot represent them): " + String.join(", ", plan.skipped()));
        }
    }

    static String summary(Plan plan) {
        if (plan.hazardCounts().isEmpty()) {
            return ", no hazards";
        }
        List<String> parts = new ArrayList<>();
        plan.hazardCounts().forEach((kind, count) -> parts.add(kind + " " + count));
        return "; hazards: " + String.join(", ", parts);
    }

    /** The documented JSON form of a plan (see docs/declarative.md). */
    static Map<String, Object> describe(Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inSync", plan.isEmpty());
        json.put("sourceChecksum", plan.sourceChecksum());
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
        return json;
    }
}
