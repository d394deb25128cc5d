package dev.schemata.migrate;

import dev.schemata.migration.SqlSource;
import dev.schemata.sql.Statement;

import java.util.List;

/**
 * What a migration file holds, learned by reading it once before anything runs (so a syntax error or an
 * undefined placeholder in the fifth pending file stops the run before the first is applied).
 *
 * @param source          the file (or dbmate section)
 * @param transactional   false when a statement must run outside a transaction block
 * @param outsideReason   the first such statement, e.g. "CREATE INDEX CONCURRENTLY at line 3"
 * @param statementCount  statements that will be sent (transaction control excluded)
 * @param statements      every statement of a small file, its transaction control included, kept so that it
 *                        is not read again (the lint of a run uses them too); null for big files, read again
 *                        as they run
 * @param text            the whole text of a small file (or dbmate section); null for big ones
 * @param lockTimeout     from a {@code -- schemata:lock-timeout 5s} directive, else null
 * @param statementTimeout from a {@code -- schemata:statement-timeout 10min} directive, else null
 * @param groupable       true for a small file run in a transaction whose statements the server answers without
 *                        rows or COPY data, so that it can be sent together with the next migrations
 */
public record ScriptPlan(SqlSource source, boolean transactional, String outsideReason, int statementCount,
                         List<Statement> statements, String text, String lockTimeout, String statementTimeout,
                         boolean groupable) {
}
