package dev.schemata.backup;

/** What a backup holds. */
public enum BackupContent {
    /** Schema and data. */
    FULL("full"),
    /** The schema, plus the rows of the history table so that a restore knows its version. */
    SCHEMA_ONLY("schema-only"),
    /** Table data only, for loading into a database that already has the schema. */
    DATA_ONLY("data-only");

    private final String label;

    BackupContent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static BackupContent fromLabel(String label) {
        for (BackupContent c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown backup content \"" + label + "\"");
    }
}
