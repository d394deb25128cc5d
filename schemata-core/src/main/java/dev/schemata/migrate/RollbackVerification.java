package dev.schemata.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What {@code verify-rollback} found.
 *
 * @param checks  one per checked migration, in version order
 * @param applied how many earlier migrations were applied without checks to reach the first checked one
 */
public record RollbackVerification(List<RollbackCheck> checks, int applied, Duration elapsed) {
    public RollbackVerification {
        checks = List.copyOf(checks);
    }

    /** True when every checked migration rolls back cleanly. */
    public boolean passed() {
        return problems().isEmpty();
    }

    public List<RollbackCheck> problems() {
        return checks.stream().filter(RollbackCheck::isProblem).toList();
    }
}
