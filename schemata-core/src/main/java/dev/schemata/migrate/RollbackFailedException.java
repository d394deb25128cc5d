package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.List;

/**
 * A down migration failed on the server. The message names {@code file:line} and the server's message;
 * {@link #rolledBack()} lists what this run had undone before (each down commits on its own).
 */
public final class RollbackFailedException extends SchemataException {
    private final transient List<RolledBackMigration> rolledBack;

    public RollbackFailedException(ErrorCode code, String message, List<RolledBackMigration> rolledBack, Throwable cause) {
        super(code, message, cause);
        this.rolledBack = List.copyOf(rolledBack);
    }

    public List<RolledBackMigration> rolledBack() {
        return rolledBack;
    }
}
