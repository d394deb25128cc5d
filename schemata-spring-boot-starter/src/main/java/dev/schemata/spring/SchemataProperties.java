package dev.schemata.spring;

import dev.schemata.LintMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code spring.schemata.*} settings of the migration the application runs at start-up.
 *
 * @param enabled           Whether to migrate the database at start-up.
 * @param url               The database to migrate when it is not the application's DataSource: a
 *                          jdbc:postgresql:// or postgresql:// URL (PG* variables and ~/.pgpass fill what it leaves
 *                          out).
 * @param user              The user to migrate as instead of the DataSource's or the URL's, e.g. the schema's owner.
 * @param password          The password of the user to migrate as.
 * @param locations         Where the migrations are: classpath:folder, filesystem:path or a path. Several are read as
 *                          one set.
 * @param historyTable      The history table, as table or schema.table.
 * @param target            The version to stop after. Unset: the newest.
 * @param placeholders      Values for ${name} in migrations, pasted into the SQL as text: give only values you trust.
 * @param lockTimeout       How long to wait for another instance's migration lock before failing.
 * @param outOfOrder        Whether to apply pending migrations below the highest applied version instead of failing.
 * @param lintMode          Lint the pending migrations before applying them: off, warn (findings are logged) or
 *                          error (an error-level finding stops the start-up before any change).
 * @param validateOnMigrate Whether an applied migration whose file changed or went missing, or a pending one below
 *                          the applied version, stops the start-up before any change.
 */
@ConfigurationProperties("spring.schemata")
public record SchemataProperties(
        @DefaultValue("true") boolean enabled,
        String url,
        String user,
        String password,
        @DefaultValue("classpath:db/migration") List<String> locations,
        @DefaultValue("public.schema_migrations") String historyTable,
        String target,
        Map<String, String> placeholders,
        @DefaultValue("10m") Duration lockTimeout,
        @DefaultValue("false") boolean outOfOrder,
        @DefaultValue("warn") LintMode lintMode,
        @DefaultValue("true") boolean validateOnMigrate) {

    public SchemataProperties {
        locations = locations == null ? List.of() : List.copyOf(locations);
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }

    /** Whether Schemata migrates a database of its own rather than the application's DataSource. */
    boolean dedicatedUrl() {
        return url != null;
    }

    @Override
    public String toString() {
        // A record prints every component; the password must never reach a log or a failure report.
        return "SchemataProperties[enabled=" + enabled + ", url=" + url + ", user=" + user
                + ", password=" + (password == null ? null : "***") + ", locations=" + locations + ", historyTable="
                + historyTable + ", target=" + target + ", placeholders=" + placeholders.keySet() + ", lockTimeout="
                + lockTimeout + ", outOfOrder=" + outOfOrder + ", lintMode=" + lintMode + ", validateOnMigrate="
                + validateOnMigrate + "]";
    }
}
