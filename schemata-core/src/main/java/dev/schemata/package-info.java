/**
 * Schemata's library API: {@link dev.schemata.Schemata} for applications, {@link dev.schemata.SchemataException}
 * and {@link dev.schemata.ErrorCode} for failures. The packages below it each do one job: {@code connect}
 * (where the database is), {@code devdb} (throwaway clusters), {@code sql} (the script lexer),
 * {@code migration} (files, versions, checksums), {@code history} (the tracking table and lock),
 * {@code migrate} (applying, inspecting, rolling back), {@code lint} (migration safety), {@code catalog}
 * (reading the live schema), {@code diff} (plans with hazards), {@code declarative} (the {@code init.sql}
 * workflow), {@code squash} (one baseline for many migrations), {@code config} (environments), {@code backup}, {@code monitor} and {@code json}.
 */
package dev.schemata;
