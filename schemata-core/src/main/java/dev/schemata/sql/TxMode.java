package dev.schemata.sql;

/** Whether a statement may run inside a transaction block. */
public enum TxMode {
    /** It may run inside or outside a transaction block. */
    ANY,
    /** PostgreSQL refuses to run it inside a transaction block (for example CREATE INDEX CONCURRENTLY). */
    OUTSIDE_TRANSACTION
}
