package dev.schemata.diff;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One statement of a plan.
 *
 * <p>The timeouts belong to the step, not to the plan, because a statement that must run outside a
 * transaction ({@code CREATE INDEX CONCURRENTLY}) cannot take a transaction-scoped setting: the runner sets
 * them around each step.
 *
 * @param sql              one statement, without the terminating {@code ;}
 * @param hazards          what can go wrong or hurt while it runs; empty when nothing
 * @param transactional    false for a statement PostgreSQL refuses inside a transaction block, or whose
 *                         effect later steps need committed ({@code ALTER TYPE … ADD VALUE})
 * @param lockTimeout      how long the step may wait for its locks, or null for the server's setting
 * @param statementTimeout how long the step may run, or null for the server's setting
 * @param origin           for a statement taken as written from the schema file (its data), where it is
 *                         ({@code init.sql:12}); null for a step the plan computed
 * @param copyData         for {@code COPY … FROM stdin}, the data lines that follow it; otherwise null
 */
public record Step(String sql, List<Hazard> hazards, boolean transactional, Duration lockTimeout,
                   Duration statementTimeout, String origin, String copyData) {

    public Step {
        Objects.requireNonNull(sql, "sql");
        hazards = List.copyOf(hazards);
    }

    /** A step the plan computed. */
    public Step(String sql, List<Hazard> hazards, boolean transactional, Duration lockTimeout, Duration statementTimeout) {
        this(sql, hazards, transactional, lockTimeout, statementTimeout, null, null);
    }

    /** A statement of the schema file run as written, at {@code origin} ({@code init.sql:12}). */
    public static Step asWritten(String sql, String copyData, boolean transactional, String origin) {
        return new Step(sql, List.of(), transactional, null, null, Objects.requireNonNull(origin, "origin"), copyData);
    }

    /** A transactional step with no timeouts. */
    public static Step of(String sql, Hazard... hazards) {
        return new Step(sql, List.of(hazards), true, null, null);
    }

    /** A step that must run outside a transaction block. */
    public static Step outsideTransaction(String sql, Hazard... hazards) {
        return new Step(sql, List.of(hazards), false, null, null);
    }

    public boolean hasHazards() {
        return !hazards.isEmpty();
    }

    public boolean has(HazardKind kind) {
        return hazards.stream().anyMatch(h -> h.kind() == kind);
    }

    public Step withLockTimeout(Duration timeout) {
        return new Step(sql, hazards, transactional, timeout, statementTimeout, origin, copyData);
    }
}
