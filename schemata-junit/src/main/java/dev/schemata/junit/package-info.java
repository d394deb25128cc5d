/**
 * Test support: migrated PostgreSQL databases for tests. The migrations are applied once per test run to a
 * template database (per distinct set of migrations and settings), and each test class or method gets a copy
 * of it ({@code CREATE DATABASE … TEMPLATE …}), which takes milliseconds whatever the number of migrations.
 * {@link dev.schemata.junit.SchemataTest} is the JUnit 5 entry point, {@link dev.schemata.junit.MigratedDatabases}
 * the one for code outside JUnit's extension model (such as a Spring {@code @DynamicPropertySource}).
 */
package dev.schemata.junit;
