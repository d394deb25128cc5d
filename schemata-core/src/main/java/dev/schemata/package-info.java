/**
 * Schemata's library API: {@link dev.schemata.Schemata} for applications, build plugins and tests (each
 * operation returns an immutable record such as {@link dev.schemata.PlanResult}; progress is reported as
 * {@link dev.schemata.SchemataEvent}s), {@link dev.schemata.SchemataException} and {@link dev.schemata.ErrorCode}
 * for failures. The packages below it each do one job: {@code connect}
 * (where the database is), {@code devdb} (throwaway clusters), {@code sql} (the script lexer),
 * {@code migration} (files, versions, checksums), {@code history} (the tracking table and lock),
 * {@code migrate} (applying, inspecting, rolling back), {@code lint} (migration safety), {@code catalog}
 * (reading the live schema), {@code diff} (plans with hazards), {@code declarative} (the {@code init.sql}
 * workflow), {@code squash} (one baseline for many migrations), {@code config} (the CLI's environments),
 * {@code backup}, {@code monitor} and {@code json}. {@code module-info.java} says which of them are API.
 */
package dev.schemata;
