package dev.schemata.monitor;

import java.util.List;

/**
 * A session waiting for a lock, and who blocks it.
 *
 * @param object what it waits for: a table name, a transaction, ...
 */
public record LockWait(long pid, String user, String application, String database, String query, String lockType,
                       String mode, String object, long waitingMs, List<Blocker> blockers) {
    public LockWait {
        blockers = List.copyOf(blockers);
    }

    /** A session holding (or queued ahead for) the lock. */
    public record Blocker(long pid, String user, String application, String state, String query, Long transactionMs) {
    }
}
