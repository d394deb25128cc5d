/**
 * Prints the DDL an application's JPA entities expect, as the application's own JPA provider writes it for
 * PostgreSQL, without a database connection: for a persistence unit, or for the entity classes of given
 * packages. Runs in a JVM of its own on the application's classpath (the {@code check-models} command starts
 * it), so it depends on nothing but the Jakarta Persistence API found there and never on Schemata itself.
 */
package dev.schemata.models.jpa;
