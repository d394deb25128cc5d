package dev.schemata.config;

/**
 * An environment's fleet ({@code [environments.NAME.fleet]}): where its targets come from, and how many to
 * run at a time per server.
 *
 * @param targets      a target list file (lines, TOML or JSON); null when the targets come from a query
 * @param targetsQuery SQL run on the environment's database that returns the targets; null with a file
 * @param parallel     targets at a time per server; null: chosen from the server's free connections
 */
public record FleetConfig(java.nio.file.Path targets, String targetsQuery, Integer parallel) {
}
