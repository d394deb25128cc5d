package dev.schemata.diff;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.TypeCasts;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to plan.
 *
 * @param online      build and drop indexes {@code CONCURRENTLY}, add foreign keys and checks {@code NOT
 *                    VALID} and validate them in a separate step, and set {@code NOT NULL} through a
 *                    validated check, so that writes are not blocked for the length of a table scan
 * @param lockTimeout the {@code lock_timeout} of every step that locks a table, or null for none
 * @param ignored     tables that neither side manages (the history table), left out of the comparison
 * @param casts       how the target's server converts between types, to tell type changes that may change or
 *                    lose values; {@link TypeCasts#unknown()} treats every change not known to be safe as such
 */
public record PlanOptions(boolean online, Duration lockTimeout, Set<QualifiedName> ignored, TypeCasts casts) {
    public PlanOptions {
        if (lockTimeout != null && (lockTimeout.isNegative() || lockTimeout.isZero())) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "lock timeout must be > 0, got " + lockTimeout);
        }
        ignored = Set.copyOf(Objects.requireNonNull(ignored, "ignored"));
        Objects.requireNonNull(casts, "casts");
    }

    public static PlanOptions defaults() {
        return new PlanOptions(false, null, Set.of(), TypeCasts.unknown());
    }

    public PlanOptions withOnline(boolean value) {
        return new PlanOptions(value, lockTimeout, ignored, casts);
    }

    public PlanOptions withLockTimeout(Duration value) {
        return new PlanOptions(online, value, ignored, casts);
    }

    public PlanOptions withCasts(TypeCasts value) {
        return new PlanOptions(online, lockTimeout, ignored, value);
    }

    public PlanOptions ignoring(QualifiedName table) {
        java.util.Set<QualifiedName> more = new java.util.HashSet<>(ignored);
        more.add(table);
        return new PlanOptions(online, lockTimeout, more, casts);
    }
}
