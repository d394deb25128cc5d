package dev.schemata.maven;

import dev.schemata.migrate.MigrateResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code schemata:migrate}: applies pending migrations, as {@code schemata migrate} does. */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class MigrateMojo extends SchemataMojo {
    /** Migrate up to this version only. */
    @Parameter(property = "schemata.target")
    String target;

    /** Apply migrations older than the newest applied one (instead of refusing). */
    @Parameter(property = "schemata.outOfOrder", defaultValue = "false")
    boolean outOfOrder;

    /** Print the SQL that would run, and run nothing. */
    @Parameter(property = "schemata.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            var schemata = configure(db).target(target).outOfOrder(outOfOrder).load();
            if (dryRun) {
                schemata.dryRun().forEach(sql -> getLog().info(sql));
                return;
            }
            MigrateResult result = schemata.migrate();
            result.warnings().forEach(this::warn);
            if (result.applied().isEmpty()) {
                info("nothing to migrate: " + db.settings().maskedUrl() + " is at version " + versionText(result.currentVersion()));
            }
        }
    }
}
