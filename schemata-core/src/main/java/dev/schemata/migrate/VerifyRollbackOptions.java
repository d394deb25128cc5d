package dev.schemata.migrate;

import dev.schemata.migration.Version;

import java.util.Map;

/**
 * Which migrations {@code verify-rollback} checks, and how.
 *
 * @param from                the first version to check; the migrations below it are applied without checks,
 *                            to reach the state the checked ones start from (null: check from the first)
 * @param to                  the last version to check (null: to the last)
 * @param placeholders        {@code ${name}} replacements, as for {@code migrate}
 * @param allowClusterChanges run even when a migration changes objects shared by the whole server (roles,
 *                            databases, tablespaces, server settings), which a throwaway database does not contain
 * @param scratchSuperuser    run the migrations as the server's superuser rather than as the non-superuser role
 *                            that owns the throwaway database (see {@link dev.schemata.devdb.ScratchServer})
 */
public record VerifyRollbackOptions(Version from, Version to, Map<String, String> placeholders,
                                    boolean allowClusterChanges, boolean scratchSuperuser) {
    public VerifyRollbackOptions {
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }

    /** The migrations run as the role owning the throwaway database. */
    public VerifyRollbackOptions(Version from, Version to, Map<String, String> placeholders, boolean allowClusterChanges) {
        this(from, to, placeholders, allowClusterChanges, false);
    }

    /** Every migration, no placeholders, cluster-wide changes refused. */
    public static VerifyRollbackOptions all() {
        return new VerifyRollbackOptions(null, null, Map.of(), false);
    }
}
