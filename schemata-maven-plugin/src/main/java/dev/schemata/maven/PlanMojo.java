package dev.schemata.maven;

import dev.schemata.PlanResult;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code schemata:plan}: shows the steps that would make the database match the schema file, with their hazards,
 * as {@code schemata plan} does. Changes nothing.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends SchemataMojo {
    @Override
    boolean readsMigrations() {
        return false;
    }

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            PlanResult result = configure(db).load().plan();
            if (result.inSync()) {
                info(result.database() + " matches " + result.desiredSchema() + ": nothing to do");
                return;
            }
            info("plan for " + result.database() + " from " + result.desiredSchema() + ": " + PlanLines.steps(result.plan()));
            PlanLines.of(result.plan()).forEach(this::info);
        }
    }
}
