/**
 * The declarative workflow: the desired schema is a file ({@code init.sql}) rather than a list of
 * migrations. This package turns schema sources (a file, a migrations directory, a live database) into
 * models on throwaway databases, reads rename hints, carries the rows a schema file writes into plans (or
 * runs the file as written on a database with nothing of its own), runs plans against the target and
 * records them, and writes the results that {@code plan}, {@code apply}, {@code diff}, {@code generate},
 * {@code drift} and {@code dump-schema} report. Comparing and planning themselves are {@link dev.schemata.diff}'s job.
 */
package dev.schemata.declarative;
