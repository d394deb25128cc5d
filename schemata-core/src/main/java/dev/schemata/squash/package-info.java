/**
 * {@code squash}: replaces the migrations up to a version with one baseline that builds the same schema and
 * rows, proven on throwaway databases before any file is touched. How databases migrated before the squash
 * recognise the baseline lives with the status logic ({@link dev.schemata.migrate.SquashedBaseline}).
 */
package dev.schemata.squash;
