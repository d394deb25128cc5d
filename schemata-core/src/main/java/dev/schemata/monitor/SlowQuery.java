package dev.schemata.monitor;

/**
 * A statement from {@code pg_stat_statements}.
 *
 * @param meanRank  its place when ranked by mean execution time (1 = slowest)
 * @param totalRank its place when ranked by total execution time
 */
public record SlowQuery(String queryId, String query, long calls, double totalMs, double meanMs, double maxMs, long rows,
                        String role, int meanRank, int totalRank) {
}
