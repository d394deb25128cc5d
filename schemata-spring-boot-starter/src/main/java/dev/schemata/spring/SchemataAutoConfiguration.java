package dev.schemata.spring;

import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Migrates the database at start-up: the application's {@link DataSource}, or the one {@code spring.schemata.url}
 * names. Runs before JPA and every other bean Spring Boot knows to depend on database initialization, and
 * switches Hibernate's schema generation off unless the application set it.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(Schemata.class)
@ConditionalOnBooleanProperty(name = "spring.schemata.enabled", matchIfMissing = true)
@Conditional(SchemataAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(SchemataProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class SchemataAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(SchemataAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Schemata schemata(SchemataProperties properties, ObjectProvider<DataSource> dataSource, ResourceLoader resourceLoader,
                      ObjectProvider<SchemataConfigurationCustomizer> customizers) {
        // Progress lines go to the dev.schemata.Schemata logger.
        Schemata.Builder builder = Schemata.configure().listener(LogFactory.getLog(Schemata.class)::info);
        if (properties.dedicatedUrl()) {
            builder.url(dedicatedUrl(properties));
        } else {
            builder.dataSource(migrationDataSource(properties, dataSource.getIfUnique()));
        }
        if (resourceLoader.getClassLoader() != null) {
            builder.classLoader(resourceLoader.getClassLoader());
        }
        builder.locations(properties.locations().toArray(String[]::new))
                .historyTable(properties.historyTable())
                .target(properties.target())
                .lockTimeout(properties.lockTimeout())
                .outOfOrder(properties.outOfOrder())
                .lint(properties.lintMode())
                .validateOnMigrate(properties.validateOnMigrate());
        properties.placeholders().forEach(builder::placeholder);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.load();
    }

    @Bean
    @ConditionalOnMissingBean
    SchemataMigrationInitializer schemataMigrationInitializer(Schemata schemata,
                                                              ObjectProvider<SchemataMigrationStrategy> strategy) {
        return new SchemataMigrationInitializer(schemata, strategy.getIfAvailable());
    }

    /**
     * The application's DataSource, or with {@code spring.schemata.user}/{@code password} the same database as
     * that user.
     */
    private static DataSource migrationDataSource(SchemataProperties properties, DataSource application) {
        if (application == null) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "no unique DataSource to migrate: define one (spring.datasource.*),"
                    + " mark one @Primary, or set spring.schemata.url");
        }
        if (properties.user() == null && properties.password() == null) {
            return application;
        }
        DataSourceBuilder<?> derived = DataSourceBuilder.derivedFrom(application).type(SimpleDriverDataSource.class);
        if (properties.user() != null) {
            derived.username(properties.user());
        }
        if (properties.password() != null) {
            derived.password(properties.password());
        }
        return derived.build();
    }

    /** {@code spring.schemata.url}, read as Schemata reads every URL, with the user and password given beside it. */
    private static String dedicatedUrl(SchemataProperties properties) {
        if (properties.user() == null && properties.password() == null) {
            return properties.url();
        }
        ConnectionSettings url = new ConnectionResolver(Environment.current(), LOG::warn)
                .fromUrl(properties.url(), "spring.schemata.url");
        return new ConnectionSettings(url.hosts(), url.database(), properties.user() != null ? properties.user() : url.user(),
                properties.password() != null ? properties.password() : url.password(), url.parameters(), url.source())
                .urlWithPassword();
    }

    /**
     * Hibernate must not create or update what the migrations own: unless the application chose a mode itself
     * ({@code spring.jpa.hibernate.ddl-auto}, {@code hibernate.hbm2ddl.auto} or the Jakarta schema-generation
     * action), it is {@code none}, also over {@code spring.jpa.generate-ddl=true}. Only when Schemata migrates the
     * application's own DataSource: a database named by {@code spring.schemata.url} may be another one.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HibernatePropertiesCustomizer.class)
    static class HibernateSchemaGeneration {
        private static final String HBM2DDL_AUTO = "hibernate.hbm2ddl.auto";
        private static final String JAKARTA_ACTION = "jakarta.persistence.schema-generation.database.action";
        private static final Set<String> CHANGING = Set.of("create", "create-drop", "create-only", "update", "drop");

        @Bean
        HibernatePropertiesCustomizer schemataHibernateSchemaGeneration(SchemataProperties properties) {
            return hibernate -> {
                if (!properties.dedicatedUrl()) {
                    customize(hibernate);
                }
            };
        }

        static void customize(Map<String, Object> hibernate) {
            Object mode = hibernate.get(HBM2DDL_AUTO);
            if (mode == null && hibernate.get(JAKARTA_ACTION) == null) {
                hibernate.put(HBM2DDL_AUTO, "none");
            } else if (mode != null && CHANGING.contains(mode.toString().strip().toLowerCase(Locale.ROOT))) {
                LOG.warn("Hibernate's ddl-auto is " + mode + " while Schemata migrates this database: Hibernate will"
                        + " change the schema outside the migrations. Use validate or none.");
            }
        }
    }

    /** A DataSource bean to migrate, or a URL of its own. */
    static final class DatabaseCondition extends AnyNestedCondition {
        DatabaseCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBeanCondition {
        }

        @ConditionalOnProperty(prefix = "spring.schemata", name = "url")
        private static final class UrlCondition {
        }
    }
}
