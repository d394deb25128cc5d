/**
 * The history table ({@code schema_migrations} by default) that records what was applied, when, by whom,
 * with which checksum and how it went, and the advisory lock that serialises concurrent runs. A table left
 * by a simpler runner is adopted by adding the missing columns.
 */
package dev.schemata.history;
