package dev.schemata.spring;

import dev.schemata.Schemata;
import dev.schemata.migrate.MigrateResult;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

import java.util.Objects;

/**
 * Runs the migration when the context creates it. Spring Boot knows this bean type as a database initializer
 * ({@link SchemataDatabaseInitializerDetector}), so the {@code entityManagerFactory}, {@code JdbcTemplate}s
 * and other beans that use the database are created after it.
 */
public class SchemataMigrationInitializer implements InitializingBean {
    private static final Log LOG = LogFactory.getLog(SchemataMigrationInitializer.class);

    private final Schemata schemata;
    private final SchemataMigrationStrategy strategy;

    /** {@code strategy}: null for {@link Schemata#migrate()}. */
    public SchemataMigrationInitializer(Schemata schemata, SchemataMigrationStrategy strategy) {
        this.schemata = Objects.requireNonNull(schemata, "schemata");
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy != null) {
            strategy.migrate(schemata);
            return;
        }
        // The summary line ("applied 3 migrations in 0.4 s; now at version 3") reaches the log through the listener.
        MigrateResult result = schemata.migrate();
        result.warnings().forEach(LOG::warn);
    }
}
