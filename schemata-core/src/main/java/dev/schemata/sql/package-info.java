/**
 * Reads PostgreSQL scripts: {@link dev.schemata.sql.SqlScanner} splits a script into
 * {@link dev.schemata.sql.Statement}s exactly where psql would send them to the server, streaming, and
 * {@link dev.schemata.sql.TransactionRules} is the one statement classifier: which statements must run outside
 * a transaction block and what each one is ({@link dev.schemata.sql.StatementKind}): BEGIN, COMMIT or
 * ROLLBACK, a setting, data, or schema; whether it can be sent in a batch, which index a concurrent build
 * makes, whether it changes objects of the whole server; {@link dev.schemata.sql.StatementTargets} reads which tables a data statement writes and what a
 * setting changes; {@link dev.schemata.sql.Directives} reads and checks Schemata's {@code -- schemata:NAME}
 * comments.
 */
package dev.schemata.sql;
