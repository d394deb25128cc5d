package dev.schemata.migrate;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Version;

import java.time.Duration;
import java.util.Map;

/**
 * How {@code migrate} runs.
 *
 * @param target       stop after this version (null: apply everything)
 * @param dryRun       print what would run, change nothing
 * @param outOfOrder   apply pending migrations below the highest applied version instead of stopping
 * @param lockTimeout  how long to wait for another run's migration lock
 * @param placeholders {@code ${name}} replacements; when empty, placeholders are left as written
 * @param hooks        work done under the lock around a run that has something to apply (backup, sizes)
 */
public record MigrateOptions(Version target, boolean dryRun, boolean outOfOrder, Duration lockTimeout,
                             Map<String, String> placeholders, RunHooks hooks) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

    public MigrateOptions {
        if (lockTimeout == null) {
            lockTimeout = DEFAULT_LOCK_TIMEOUT;
        }
        Durations.requireInRange(lockTimeout, "the lock timeout");
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
        hooks = hooks == null ? RunHooks.NONE : hooks;
    }

    public MigrateOptions(Version target, boolean dryRun, boolean outOfOrder, Duration lockTimeout,
                          Map<String, String> placeholders) {
        this(target, dryRun, outOfOrder, lockTimeout, placeholders, RunHooks.NONE);
    }

    public MigrateOptions withHooks(RunHooks newHooks) {
        return new MigrateOptions(target, dryRun, outOfOrder, lockTimeout, placeholders, newHooks);
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(null, false, false, DEFAULT_LOCK_TIMEOUT, Map.of());
    }
}
