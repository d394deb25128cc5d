package dev.schemata.maven;

import dev.schemata.BaselineResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schemata:baseline}: records that an existing database already has the migrations up to a version,
 * without running them, as {@code schemata baseline} does.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends SchemataMojo {
    /** The version the database already has. */
    @Parameter(property = "schemata.baselineVersion", required = true)
    String baselineVersion;

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            BaselineResult result = configure(db).load().baseline(baselineVersion);
            info("baselined " + db.settings().maskedUrl() + " at version " + result.version() + " in " + result.historyTable()
                    + (result.pending().isEmpty() ? "" : "; migrate will apply " + String.join(", ", result.pending())));
        }
    }
}
