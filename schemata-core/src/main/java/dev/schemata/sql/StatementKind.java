package dev.schemata.sql;

/** Whether a statement controls the transaction, so a file written as {@code BEGIN; ... COMMIT;} is seen. */
public enum StatementKind {
    /** BEGIN [WORK | TRANSACTION] ..., START TRANSACTION ... (not BEGIN ATOMIC). */
    BEGIN,
    /** COMMIT ..., END ... (END alone is COMMIT in PostgreSQL); not COMMIT PREPARED. */
    COMMIT,
    /** ROLLBACK ..., ABORT ...; not ROLLBACK TO SAVEPOINT, not ROLLBACK PREPARED. */
    ROLLBACK,
    /** SAVEPOINT, RELEASE [SAVEPOINT], ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT]. */
    SAVEPOINT,
    /** Anything else, including DO blocks whose body says BEGIN or COMMIT. */
    OTHER
}
