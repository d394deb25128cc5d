package dev.schemata.catalog;

import java.util.Objects;

/**
 * The options of a sequence, shared by stand-alone sequences and identity columns.
 *
 * @param dataType  {@code smallint}, {@code integer} or {@code bigint}
 * @param cache     how many values are preallocated per session ({@code CACHE})
 */
public record SequenceOptions(String dataType, long start, long increment, long minValue, long maxValue,
                              long cache, boolean cycle) {
    public SequenceOptions {
        Objects.requireNonNull(dataType, "dataType");
    }
}
