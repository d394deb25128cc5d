package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.Schemata;
import dev.schemata.migrate.RollbackResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schemata:rollback}: undoes applied migrations with their down migrations, newest first, as
 * {@code schemata rollback} does: the last {@code steps} ones, or all above {@code to}.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends SchemataMojo {
    /** How many of the newest applied migrations to undo (default 1 when {@code to} is not given). */
    @Parameter(property = "schemata.steps")
    Integer steps;

    /** Undo every applied migration above this version. */
    @Parameter(property = "schemata.to")
    String to;

    @Override
    void run() {
        if (steps != null && to != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "<steps> (schemata.steps) and <to> (schemata.to) exclude each other: give one");
        }
        if (steps != null && steps < 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "<steps> (schemata.steps) must be at least 1, got " + steps);
        }
        try (DatabaseTarget db = openTarget()) {
            Schemata schemata = configure(db).load();
            RollbackResult result = to != null ? schemata.rollbackTo(to) : schemata.rollback(steps == null ? 1 : steps);
            info("rolled back " + result.rolledBack().size() + " migration" + (result.rolledBack().size() == 1 ? "" : "s")
                    + " in " + db.settings().maskedUrl() + ": now at version " + versionText(result.currentVersion()));
        }
    }
}
