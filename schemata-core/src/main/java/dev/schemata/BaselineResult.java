package dev.schemata;

import java.util.List;

/**
 * What {@link Schemata#baseline(String)} recorded.
 *
 * @param version      the version up to which migrations now count as applied
 * @param historyTable the table it was recorded in
 * @param pending      the versions above it that {@link Schemata#migrate()} will apply
 */
public record BaselineResult(String version, String historyTable, List<String> pending) {
    public BaselineResult {
        pending = List.copyOf(pending);
    }
}
