package dev.schemata.migrate;

import java.util.Locale;

/** The state of one migration, as {@code status} shows it. */
public enum MigrationState {
    APPLIED,
    PENDING,
    /** Ran outside a transaction and stopped with an error part-way; see {@code repair}. */
    FAILED,
    /** Applied, but the file has changed since. */
    CHECKSUM_MISMATCH,
    /** Recorded as applied, but its file is gone. */
    MISSING_FILE,
    /** Pending, but its version is below the highest applied one (e.g. from a merged branch). */
    OUT_OF_ORDER,
    /** The version a database was adopted at without running migrations. */
    BASELINE,
    /** At or below the baseline: never run, and never will be. */
    BELOW_BASELINE,
    /** Applied before a squash; its file is gone, replaced by the squashed baseline (which counts as applied). */
    SQUASHED,
    /**
     * A squashed baseline that cannot be applied: the database stopped part-way through the migrations it
     * replaces, so it must first be migrated to the baseline's version with the replaced files.
     */
    BELOW_SQUASH;

    /** As printed and in JSON: lower case with underscores. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
