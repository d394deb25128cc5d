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

    public static HistoryKind fromDb(String value) {
        if (value == null) {
            return VERSIONED;
        }
        try {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return VERSIONED;
        }
    }
}
