package dev.schemata;

/**
 * What kind of failure an exception reports. Each code maps to one documented exit code of the CLI, so
 * scripts can branch on the exit status instead of parsing messages.
 */
public enum ErrorCode {
    /** The operation ran and failed, or found problems. */
    OPERATION_FAILED(1),
    MIGRATION_FAILED(1),
    VALIDATION_FAILED(1),
    DRIFT_DETECTED(1),
    LINT_FINDINGS(1),
    /** The command line itself is wrong. */
    BAD_USAGE(2),
    /** A configuration file or setting is wrong. */
    BAD_CONFIG(2),
    /** An input file (a migration, a schema file) is wrong. */
    BAD_INPUT(2),
    /** The database cannot be reached, or refused the credentials. */
    CONNECTION_FAILED(3),
    /** Another run held the migration lock for longer than the lock timeout. */
    LOCK_TIMEOUT(4);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
