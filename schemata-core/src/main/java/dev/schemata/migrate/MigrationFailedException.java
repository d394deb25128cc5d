package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.List;

/**
 * A migration failed on the server. The message names {@code file:line}, the server's message and hint,
 * and the statement (shortened); {@link #applied()} lists what this run had applied before.
 */
public final class MigrationFailedException extends SchemataException {
    private final transient List<AppliedMigration> applied;

    public MigrationFailedException(ErrorCode code, String message, List<AppliedMigration> applied, Throwable cause) {
        super(code, message, cause);
        this.applied = List.copyOf(applied);
    }

    public List<AppliedMigration> applied() {
        return applied;
    }
}
