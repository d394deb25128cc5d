/**
 * Where the target database is and how to log in: {@code postgresql://} and {@code jdbc:postgresql://}
 * URLs, the libpq environment variables and {@code ~/.pgpass}, resolved in the order PostgreSQL users
 * expect, and opened as JDBC connections. Passwords never leave this package unmasked in any text.
 */
package dev.schemata.connect;
