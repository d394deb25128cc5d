package dev.schemata.maven;

import dev.schemata.Schemata;
import dev.schemata.migrate.RepairResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schemata:repair}: removes the history rows of failed migrations and drops indexes a failed concurrent
 * build left invalid, so that {@code migrate} can run again, as {@code schemata repair} does.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends SchemataMojo {
    /** Also re-record the checksum of this version, after an intentional edit of its file. */
    @Parameter(property = "schemata.acceptChecksum")
    String acceptChecksum;

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            Schemata schemata = configure(db).load();
            RepairResult result = acceptChecksum == null ? schemata.repair() : schemata.acceptChecksum(acceptChecksum);
            if (result.acceptedChecksum() != null) {
                info("re-recorded the checksum of version " + result.acceptedChecksum());
            }
            result.removedRows().forEach(row -> info("removed history row " + row));
            result.droppedIndexes().forEach(index -> info("dropped invalid index " + index));
            result.resumable().forEach(version -> info("kept " + version + ": migrate resumes it"));
            if (result.removedRows().isEmpty() && result.droppedIndexes().isEmpty() && result.resumable().isEmpty()
                    && result.acceptedChecksum() == null) {
                info("nothing to repair in " + db.settings().maskedUrl());
            }
        }
    }
}
