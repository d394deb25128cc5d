/**
 * Monitoring reports read from the catalog and statistics views, one query each: table and index sizes,
 * index use, the slowest statements ({@code pg_stat_statements}) and lock waits; and the table sizes that
 * {@code migrate} records before and after each run.
 */
package dev.schemata.monitor;
