/**
 * Spring Boot integration: {@link dev.schemata.spring.SchemataAutoConfiguration} migrates the application's
 * database at start-up, before JPA and anything else that uses it, configured by {@code spring.schemata.*}
 * ({@link dev.schemata.spring.SchemataProperties}); {@link dev.schemata.spring.SchemataMigrationStrategy} and
 * {@link dev.schemata.spring.SchemataConfigurationCustomizer} beans change what runs, and
 * {@link dev.schemata.spring.SchemataFailureAnalyzer} turns a failure into one screen naming file, line and cause.
 */
package dev.schemata.spring;
