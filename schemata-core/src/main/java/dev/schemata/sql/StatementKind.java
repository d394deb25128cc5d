package dev.schemata.sql;

/**
 * What a statement does, as far as running a script is concerned: whether it controls the transaction (so a
 * file written as {@code BEGIN; ... COMMIT;} is seen), changes a session setting, works on rows rather than
 * on the schema, or anything else (schema definitions).
 */
public enum StatementKind {
    /** BEGIN [WORK | TRANSACTION] ..., START TRANSACTION ... (not BEGIN ATOMIC). */
    BEGIN,
    /** COMMIT ..., END ... (END alone is COMMIT in PostgreSQL); not COMMIT PREPARED. */
    COMMIT,
    /** ROLLBACK ..., ABORT ...; not ROLLBACK TO SAVEPOINT, not ROLLBACK PREPARED. */
    ROLLBACK,
    /** SAVEPOINT, RELEASE [SAVEPOINT], ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT]. */
    SAVEPOINT,
    /** SET ..., RESET ..., and {@code SELECT [pg_catalog.]set_config(...)} alone (as pg_dump writes it). */
    SETTING,
    /**
     * Rows rather than schema: INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY, and statements that may write
     * rows through code or whose effect cannot be told from the text (SELECT, WITH, VALUES, TABLE, CALL,
     * EXECUTE, DO), and CREATE TABLE … AS (a table together with rows), unless WITH NO DATA.
     */
    DATA,
    /** Anything else: schema definitions and other commands. */
    OTHER
}
