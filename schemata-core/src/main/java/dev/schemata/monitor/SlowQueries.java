package dev.schemata.monitor;

import java.util.List;

/**
 * The slowest statements, and what the role could not see: without {@code pg_read_all_stats},
 * {@code pg_stat_statements} hides the statements of other roles ({@code <insufficient privilege>}).
 *
 * @param statements         the statements the role may see, ranked
 * @param role               the role that read them
 * @param readsAllStatistics whether the role sees every role's statements
 * @param hiddenStatements   statements of the current database hidden from the role
 */
public record SlowQueries(List<SlowQuery> statements, String role, boolean readsAllStatistics, long hiddenStatements) {
    public SlowQueries {
        statements = List.copyOf(statements);
    }
}
