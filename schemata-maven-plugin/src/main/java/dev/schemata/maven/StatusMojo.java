package dev.schemata.maven;

import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.StatusReport;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code schemata:status}: which migrations are applied, pending, changed or missing, as {@code schemata status} shows. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends SchemataMojo {
    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            StatusReport report = configure(db).load().status();
            info(db.settings().maskedUrl() + " is at version " + versionText(report.current()));
            for (MigrationStatus m : report.migrations()) {
                info(String.format("%-10s %-20s %s%s", m.state().toString().toLowerCase(java.util.Locale.ROOT), m.version(),
                        m.description(), m.error() == null ? "" : " (" + m.error() + ")"));
            }
        }
    }
}
