package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

/**
 * The rule for destructive commands ({@code reset}, {@code restore}, {@code rollback}, {@code apply} of a
 * plan that deletes data) on a {@code protected = true} environment: refused unless {@code --force} is
 * given and the database name is confirmed. Unprotected environments (and no environment) allow them.
 * Checked before anything is changed, so a refusal leaves the database as it was.
 */
public final class Protection {
    private Protection() {
    }

    /** Whether {@code operation} on this environment needs consent at all. */
    public static boolean applies(EnvironmentConfig environment) {
        return environment != null && environment.isProtected();
    }

    /**
     * Returns when the operation may go ahead; otherwise throws a {@code BAD_USAGE} exception (exit 2)
     * saying what would have happened and how to confirm.
     *
     * @param operation what would happen, for the message: "reset (drop and recreate)"
     * @param database  the name of the database it would change
     */
    public static void check(EnvironmentConfig environment, String operation, String database, Consent consent) {
        if (!applies(environment)) {
            return;
        }
        String what = environment.label() + " is protected: " + operation + " would change database \"" + database + "\"";
        if (!consent.force()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, what + ". Nothing was changed. To go ahead, add --force and"
                    + " confirm the database name (typed back at a terminal, or --yes-i-mean-" + database + ").");
        }
        if (consent.confirmedDatabase() == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, what + ". Nothing was changed. --force needs the database"
                    + " name confirmed: without a terminal add --yes-i-mean-" + database + ".");
        }
        if (!consent.confirmedDatabase().equals(database)) {
            throw new SchemataException(ErrorCode.BAD_USAGE, what + ", but \"" + consent.confirmedDatabase()
                    + "\" was confirmed. Nothing was changed.");
        }
    }
}
