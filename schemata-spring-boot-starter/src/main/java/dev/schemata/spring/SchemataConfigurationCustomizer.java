package dev.schemata.spring;

import dev.schemata.Schemata;

/**
 * A bean of this type changes the configuration built from {@code spring.schemata.*} before the
 * {@link Schemata} bean is loaded: a listener, a class loader, a placeholder computed at start-up. Several
 * are applied in their {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface SchemataConfigurationCustomizer {
    void customize(Schemata.Builder builder);
}
