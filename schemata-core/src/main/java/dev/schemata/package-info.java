/**
 * Schemata's library API: {@link dev.schemata.Schemata} for applications, {@link dev.schemata.SchemataException}
 * and {@link dev.schemata.ErrorCode} for failures. The packages below it each do one job: {@code connect}
 * (where the database is), {@code devdb} (throwaway clusters), {@code sql} (the script lexer),
 * {@code migration} (files, versions, checksums), {@code history} (the tracking table and lock),
 * {@code migrate} (applying and inspecting).
 */
package dev.schemata;
