package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.Drift;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code schemata:drift}: checks that the migrations build the schema file's schema, and that the database still
 * has the schema its history says it should, as {@code schemata drift} does; fails the build on any difference.
 * With no database configured it uses the embedded one, so {@code mvn verify} proves init.sql and the migrations
 * agree with no server installed.
 */
@Mojo(name = "drift", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class DriftMojo extends SchemataMojo {
    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            Drift.Report report = configure(db).load().drift();
            report.notCompared().forEach(n -> warn("not compared: " + n));
            if (report.clean()) {
                info("no drift: " + String.join("; ", report.compared().stream()
                        .map(c -> c.actual() + " matches " + c.expected()).toList()));
                return;
            }
            for (Drift.Finding f : report.findings()) {
                error(f.check() + ": " + f.actual() + " differs from " + f.expected() + "; making it match would take:");
                PlanLines.of(f.plan()).forEach(line -> error("  " + line));
                if (f.note() != null) {
                    error("  (" + f.note() + ")");
                }
            }
            throw new SchemataException(ErrorCode.DRIFT_DETECTED, "drift: " + report.findings().size() + " difference"
                    + (report.findings().size() == 1 ? "" : "s") + " found: " + String.join("; ", report.findings().stream()
                    .map(f -> f.actual() + " differs from " + f.expected()).toList()));
        }
    }
}
