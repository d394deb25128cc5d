package dev.schemata.history;

/** What a history row records. Stored lower-case in the {@code kind} column. */
public enum HistoryKind {
    /** A versioned migration applied (or, if not successful, partly applied). */
    VERSIONED,
    /** A repeatable migration applied with the checksum in its row. */
    REPEATABLE,
    /** Versions up to this one were adopted without running ({@code baseline}). */
    BASELINE,
    /** A migration rolled back: kept as an audit trail; the migration counts as pending again. */
    ROLLBACK,
    /** A declarative apply of a schema file. */
    DECLARATIVE;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind a {@code kind} column holds, in any letter case; an unknown or missing one counts as versioned. */
    public static HistoryKind fromDb(String value) {
        if (value == null) {
            return VERSIONED;
        }
        // Compared in place, not upper-cased and looked up: this runs for every row of a long history.
        for (HistoryKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        return VERSIONED;
    }
}
