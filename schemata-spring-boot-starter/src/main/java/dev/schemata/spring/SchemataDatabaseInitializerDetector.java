package dev.schemata.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link SchemataMigrationInitializer} beans initialize the database, so every bean
 * Boot knows depends on database initialization (JPA's {@code entityManagerFactory}, {@code JdbcTemplate},
 * jOOQ, …) is created after the migration.
 */
public class SchemataDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SchemataMigrationInitializer.class);
    }
}
