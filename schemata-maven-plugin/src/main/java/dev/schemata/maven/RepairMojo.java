package dev.schemata.maven;

import dev.schemata.migrate.RepairResult;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code schemata:repair}: removes the history rows of failed migrations and drops indexes a failed concurrent
 * build left invalid, so that {@code migrate} can run again, as {@code schemata repair} does.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends SchemataMojo {
    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            RepairResult result = configure(db).load().repair();
            result.removedRows().forEach(row -> info("removed history row " + row));
            result.droppedIndexes().forEach(index -> info("dropped invalid index " + index));
            result.resumable().forEach(version -> info("kept " + version + ": migrate resumes it"));
            if (result.removedRows().isEmpty() && result.droppedIndexes().isEmpty() && result.resumable().isEmpty()) {
                info("nothing to repair in " + db.settings().maskedUrl());
            }
        }
    }
}
