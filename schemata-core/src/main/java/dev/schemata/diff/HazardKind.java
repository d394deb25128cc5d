package dev.schemata.diff;

/** The kinds of risk a plan step can carry; {@code apply} runs a step only when each of its kinds is allowed. */
public enum HazardKind {
    /** Rows or values are removed for good (a dropped table, column, or a recreated table). */
    DELETES_DATA,
    /** The table is rewritten while an {@code ACCESS EXCLUSIVE} lock blocks reads and writes. */
    TABLE_REWRITE,
    /** The step takes an {@code ACCESS EXCLUSIVE} lock that blocks reads and writes while it runs. */
    ACCESS_EXCLUSIVE_LOCK,
    /** The step reads every row of a table while holding a lock that blocks writes. */
    SCAN_UNDER_LOCK,
    /** An index is built: without {@code CONCURRENTLY} writes wait; with it, the build takes time and I/O. */
    INDEX_BUILD,
    /** An index is dropped: queries that used it may become slow. */
    INDEX_DROPPED,
    /** Who may read or change what changes: privileges, row-level security or policies. */
    AUTHZ_CHANGE,
    /** Objects the catalog cannot see may depend on this one (function bodies, application queries). */
    HAS_UNTRACKABLE_DEPENDENCIES
}
