package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migrate.RollbackCheck;
import dev.schemata.migrate.RollbackVerification;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Optional;

/**
 * {@code schemata:verify-rollback}: proves on throwaway databases that each down migration undoes its up (up, down,
 * up again, comparing the schema after each step), as {@code schemata verify-rollback} does, and fails the build when
 * a down is missing, fails or leaves a difference. The target database is never changed; with none configured the
 * throwaway databases live in the embedded database, so no server needs to be installed.
 */
@Mojo(name = "verify-rollback", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyRollbackMojo extends SchemataMojo {
    /** Verify up to this version only. */
    @Parameter(property = "schemata.target")
    String target;

    /** Let migrations change roles, databases or server settings on a {@code scratchUrl} server. */
    @Parameter(property = "schemata.allowClusterChanges", defaultValue = "false")
    boolean allowClusterChanges;

    @Override
    void run() {
        Optional<dev.schemata.connect.ConnectionSettings> configured = configuredTarget();
        try (DatabaseTarget embedded = configured.isPresent() ? null : openEmbedded()) {
            var builder = configureWithoutDatabase(embedded).target(target).allowClusterChanges(allowClusterChanges);
            configured.ifPresent(c -> builder.url(c.urlWithPassword()));
            RollbackVerification result = builder.load().verifyRollback();
            // Each check's progress line is already in the log; the problems are repeated with their details.
            for (RollbackCheck check : result.problems()) {
                error(check.outcome().label() + " " + check.file() + (check.message() == null ? "" : ": " + check.message()));
                check.differences().forEach(d -> error("    " + d));
            }
            if (!result.passed()) {
                RollbackCheck first = result.problems().get(0);
                throw new SchemataException(ErrorCode.VALIDATION_FAILED, "verify-rollback: " + result.problems().size() + " of "
                        + result.checks().size() + " migrations do not roll back cleanly; first: " + first.outcome().label()
                        + " " + first.file() + (first.message() == null ? "" : ": " + first.message())
                        + (first.differences().isEmpty() ? "" : " (" + String.join("; ", first.differences()) + ")"));
            }
            info("verify-rollback: all " + result.checks().size() + " down migrations undo their ups");
        }
    }
}
