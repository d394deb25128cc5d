/**
 * Fleets: running one command over many targets, each a database and optionally a tenant schema in it.
 * {@link dev.schemata.fleet.TargetList} reads the targets (a file of lines, TOML or JSON, or a query on a
 * control database), {@link dev.schemata.fleet.Shard} picks a stable slice of them for one of several
 * workers, {@link dev.schemata.fleet.FleetRunner} runs the work in parallel with a bound per server, a
 * canary and an error policy, and {@link dev.schemata.fleet.FleetReport} is the one report of the run
 * (as JSON, or as a self-contained HTML page by {@link dev.schemata.fleet.HtmlReport}). The work itself is
 * the ordinary single-target code (Migrator, Inspector, Drift) given the target's connections and history
 * table; coordination between workers is each target's own advisory lock.
 */
package dev.schemata.fleet;
