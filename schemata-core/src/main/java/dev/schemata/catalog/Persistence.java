package dev.schemata.catalog;

/** Whether a table or sequence is WAL-logged ({@code relpersistence} {@code p}) or {@code UNLOGGED} ({@code u}). */
public enum Persistence {
    LOGGED,
    UNLOGGED
}
