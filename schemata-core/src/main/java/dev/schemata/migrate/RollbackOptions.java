package dev.schemata.migrate;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Version;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code rollback} undoes and how.
 *
 * @param steps        how many applied migrations to undo, newest first (used when {@code to} is null)
 * @param to           undo every applied migration above this version; null to go by {@code steps}
 * @param dryRun       print the SQL that would run, change nothing
 * @param force        also undo a migration recorded as failed, or whose up file changed since it was applied
 * @param lockTimeout  how long to wait for another run's migration lock
 * @param placeholders {@code ${name}} replacements, as for {@code migrate}
 */
public record RollbackOptions(int steps, Version to, boolean dryRun, boolean force, Duration lockTimeout,
                              Map<String, String> placeholders) {
    public RollbackOptions {
        if (to == null && steps < 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--steps must be at least 1, got " + steps);
        }
        if (lockTimeout == null) {
            lockTimeout = MigrateOptions.DEFAULT_LOCK_TIMEOUT;
        }
        Durations.requireInRange(lockTimeout, "the lock timeout");
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }

    /** Undo the last {@code steps} applied migrations. */
    public static RollbackOptions steps(int steps) {
        return new RollbackOptions(steps, null, false, false, MigrateOptions.DEFAULT_LOCK_TIMEOUT, Map.of());
    }

    /** Undo every applied migration above {@code version}. */
    public static RollbackOptions to(Version version) {
        return new RollbackOptions(0, version, false, false, MigrateOptions.DEFAULT_LOCK_TIMEOUT, Map.of());
    }

    public RollbackOptions withDryRun(boolean dryRun) {
        return new RollbackOptions(steps, to, dryRun, force, lockTimeout, placeholders);
    }

    public RollbackOptions withForce(boolean force) {
        return new RollbackOptions(steps, to, dryRun, force, lockTimeout, placeholders);
    }

    public RollbackOptions withLockTimeout(Duration lockTimeout) {
        return new RollbackOptions(steps, to, dryRun, force, lockTimeout, placeholders);
    }

    public RollbackOptions withPlaceholders(Map<String, String> placeholders) {
        return new RollbackOptions(steps, to, dryRun, force, lockTimeout, placeholders);
    }
}
