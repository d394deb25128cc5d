/**
 * Reads PostgreSQL scripts: {@link dev.schemata.sql.SqlScanner} splits a script into
 * {@link dev.schemata.sql.Statement}s exactly where psql would send them to the server, streaming, and
 * {@link dev.schemata.sql.TransactionRules} tells which statements must run outside a transaction block and
 * which ones are themselves BEGIN, COMMIT or ROLLBACK; {@link dev.schemata.sql.Directives} reads and checks
 * Schemata's {@code -- schemata:NAME} comments.
 */
package dev.schemata.sql;
