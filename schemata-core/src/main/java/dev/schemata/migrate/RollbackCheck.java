package dev.schemata.migrate;

import java.util.List;
import java.util.Locale;

/**
 * What {@code verify-rollback} found for one migration.
 *
 * @param file        the up migration
 * @param downFile    its down migration, or null when it has none
 * @param message     for a failure, the server's error with {@code file:line}; for a pass, an optional note
 * @param differences what differs from the expected schema, one line each ("table groupchannels remains")
 */
public record RollbackCheck(String version, String description, String file, String downFile, Outcome outcome,
                            String message, List<String> differences, long elapsedMs) {
    public RollbackCheck {
        differences = List.copyOf(differences);
    }

    /** The result of applying up, down and up again. */
    public enum Outcome {
        /**
         * The down restores the schema from before the up, and the up applies again to the same schema; or
         * the down is empty and the up changed no schema object. A difference in the order of columns alone
         * is listed in {@link RollbackCheck#differences()} but passes: PostgreSQL adds a column back at the end.
         */
        OK,
        /** There is no down migration. */
        MISSING_DOWN,
        /** The down is empty, but the up changed the schema. */
        EMPTY_DOWN,
        /** The down fails. */
        DOWN_FAILED,
        /** The down runs, but the schema differs from the one before the up. */
        LEAVES_DIFFERENCE,
        /** After the down, the up fails when applied again. */
        REAPPLY_FAILED,
        /** After the down, the up applies again but gives a different schema than the first time. */
        REAPPLY_DIFFERS,
        /** The up itself fails; later migrations were not checked. */
        UP_FAILED,
        /** Not checked, because an earlier up failed. */
        NOT_VERIFIED;

        public boolean isProblem() {
            return this != OK;
        }

        /** As printed and in JSON: lower case with underscores. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isProblem() {
        return outcome.isProblem();
    }
}
