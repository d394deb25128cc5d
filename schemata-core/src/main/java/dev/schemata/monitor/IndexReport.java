package dev.schemata.monitor;

import java.util.List;

/**
 * Index use in the current database.
 *
 * @param statsSince when the statistics were last reset (null: never), so "unused" means "unused since then"
 */
public record IndexReport(List<IndexUsage> indexes, String statsSince) {
    public IndexReport {
        indexes = List.copyOf(indexes);
    }

    public List<IndexUsage> unused() {
        return indexes.stream().filter(IndexUsage::unused).toList();
    }

    public List<IndexUsage> invalid() {
        return indexes.stream().filter(i -> !i.valid()).toList();
    }

    public List<IndexUsage> duplicates() {
        return indexes.stream().filter(i -> i.duplicateOf() != null).toList();
    }
}
