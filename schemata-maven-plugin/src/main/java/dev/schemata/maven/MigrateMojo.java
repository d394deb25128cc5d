package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.LintMode;
import dev.schemata.SchemataException;
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

    /**
     * Lint the pending migrations first: {@code warn} reports findings, {@code error} stops on an error-level one
     * before any change, {@code off}.
     */
    @Parameter(property = "schemata.lint", defaultValue = "warn")
    String lint;

    /** Stop before migrating when an applied migration's file changed or went missing. */
    @Parameter(property = "schemata.validateOnMigrate", defaultValue = "true")
    boolean validateOnMigrate;

    private LintMode lintMode() {
        try {
            return LintMode.valueOf(lint.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "<lint> (schemata.lint) is warn, error or off, not \"" + lint + "\"");
        }
    }

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            var schemata = configure(db).target(target).outOfOrder(outOfOrder).lint(lintMode())
                    .validateOnMigrate(validateOnMigrate).load();
            if (dryRun) {
                schemata.dryRun().dryRunSql().forEach(sql -> getLog().info(sql));
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
