package dev.schemata.monitor;

/**
 * One index and how it is used.
 *
 * @param scans           index scans since the statistics were last reset
 * @param enforces        whether it backs a primary key, unique or exclusion constraint (or is unique):
 *                        such an index is never "unused", it keeps the data correct
 * @param duplicateOf     another index of exactly the same shape on the same table, or null
 */
public record IndexUsage(String table, String index, long scans, long bytes, boolean enforces, boolean valid,
                         String definition, String duplicateOf) {
    public boolean unused() {
        return scans == 0 && !enforces && valid;
    }
}
