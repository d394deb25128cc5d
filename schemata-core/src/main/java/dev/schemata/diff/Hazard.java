package dev.schemata.diff;

import java.util.Objects;

/**
 * One risk of a plan step: its kind and a one-sentence reason a person can act on. The hazards that many
 * generators share are the constants below.
 *
 * @param rowCheck a statement that, run on the target in a read-only transaction, leaves in the setting
 *                 {@value #ROW_CHECK_SETTING} how many of the affected rows the step would change and how many
 *                 it reads, as {@code "changed total"}; null when the hazard does not depend on the rows
 */
public record Hazard(HazardKind kind, String reason, String rowCheck) {
    public static final String ROW_CHECK_SETTING = "schemata.changed_rows";

    public static final Hazard DROPS_TABLE = new Hazard(HazardKind.DELETES_DATA,
            "Deletes the table and all of its rows.");
    public static final Hazard DROPS_COLUMN = new Hazard(HazardKind.DELETES_DATA,
            "Deletes the column and every value stored in it.");
    public static final Hazard REWRITES_TABLE = new Hazard(HazardKind.TABLE_REWRITE,
            "Rewrites every row of the table while reads and writes wait.");
    public static final Hazard LOCKS_TABLE = new Hazard(HazardKind.ACCESS_EXCLUSIVE_LOCK,
            "Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until the step ends.");
    public static final Hazard SCANS_TABLE = new Hazard(HazardKind.SCAN_UNDER_LOCK,
            "Reads every row to check the new rule while writes to the table wait; use --online to validate without blocking.");
    public static final Hazard BUILDS_INDEX = new Hazard(HazardKind.INDEX_BUILD,
            "Builds an index: writes to the table wait until it is built; use --online to build it concurrently.");
    public static final Hazard BUILDS_INDEX_CONCURRENTLY = new Hazard(HazardKind.INDEX_BUILD,
            "Builds an index concurrently: writes continue, but the build reads the whole table and uses CPU and I/O.");
    public static final Hazard DROPS_INDEX = new Hazard(HazardKind.INDEX_DROPPED,
            "Drops an index: queries that used it may become much slower.");
    public static final Hazard CHANGES_PRIVILEGES = new Hazard(HazardKind.AUTHZ_CHANGE,
            "Changes which roles may use the object.");
    public static final Hazard CHANGES_ROW_SECURITY = new Hazard(HazardKind.AUTHZ_CHANGE,
            "Changes which rows roles may see or change.");
    public static final Hazard UNTRACKED_CALLERS = new Hazard(HazardKind.HAS_UNTRACKABLE_DEPENDENCIES,
            "Function bodies and application queries that use this object are not tracked by the catalog and may break.");

    public Hazard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public Hazard(HazardKind kind, String reason) {
        this(kind, reason, null);
    }

    /** The same hazard with the result of its row check added to the reason. */
    public Hazard withCheckResult(String result) {
        return new Hazard(kind, reason + " " + result, null);
    }
}
