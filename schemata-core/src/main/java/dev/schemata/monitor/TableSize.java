package dev.schemata.monitor;

import java.util.List;

/**
 * One table's disk use, from the catalog's size functions.
 *
 * @param table       {@code schema.table} as PostgreSQL quotes it
 * @param kind        table, partitioned table or materialized view
 * @param totalBytes  everything: heap, TOAST, indexes, free-space and visibility maps
 * @param heapBytes   the main data file
 * @param toastBytes  out-of-line values (with the TOAST index)
 * @param indexBytes  all indexes together
 * @param rowEstimate the planner's estimate; null until the table was first analyzed
 * @param indexes     each index and its size, largest first
 */
public record TableSize(String table, String kind, long totalBytes, long heapBytes, long toastBytes, long indexBytes,
                        Long rowEstimate, List<IndexSize> indexes) {
    public TableSize {
        indexes = List.copyOf(indexes);
    }

    /** An index and its size. */
    public record IndexSize(String name, long bytes) {
    }
}
