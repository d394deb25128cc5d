package dev.schemata.spring;

import dev.schemata.SchemataException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SchemataException} that stopped the start-up as Schemata's own message (file, line, cause)
 * and what to do, instead of the chain of bean-creation exceptions around it.
 */
public class SchemataFailureAnalyzer extends AbstractFailureAnalyzer<SchemataException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemataException cause) {
        return new FailureAnalysis("Schemata could not migrate the database (" + cause.code() + "):\n\n"
                + cause.getMessage().strip(), action(cause), cause);
    }

    private static String action(SchemataException e) {
        return switch (e.code()) {
            case MIGRATION_FAILED -> "Fix the migration named above and start the application again. Migrations applied"
                    + " before it stay committed; the failed one left nothing behind unless the message says it ran outside"
                    + " a transaction, in which case the next start resumes it.";
            case VALIDATION_FAILED -> "Make the migrations and the database agree (see above): restore the changed or"
                    + " missing file, or inspect the database with the schemata CLI (status, repair). Nothing was applied."
                    + " spring.schemata.validate-on-migrate=false skips this check.";
            case LINT_FINDINGS -> "Fix the migrations named above, or silence one finding with a"
                    + " `-- schemata:lint-ignore RULE` comment on its statement. Nothing was applied."
                    + " spring.schemata.lint-mode=warn only logs the findings.";
            case OPERATION_FAILED -> "See the message above; the schemata CLI (status, repair) shows the database's state.";
            case BAD_INPUT -> "Fix the migration files named above; the database was not changed.";
            case BAD_CONFIG, BAD_USAGE -> "Fix the spring.schemata.* setting named above; the database was not changed.";
            case CONNECTION_FAILED -> "Check the database URL, user and password (spring.datasource.* or"
                    + " spring.schemata.url/user/password) and that the server is reachable.";
            case LOCK_TIMEOUT -> "Another instance held the migration lock for longer than spring.schemata.lock-timeout:"
                    + " let it finish, or raise the timeout.";
            default -> "See the message above.";
        };
    }
}
