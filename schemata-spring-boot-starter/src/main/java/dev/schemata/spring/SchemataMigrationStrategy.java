package dev.schemata.spring;

import dev.schemata.Schemata;

/**
 * A bean of this type replaces what runs at start-up, which is otherwise {@link Schemata#migrate()}: to
 * wrap it (repair first, report the result somewhere), or to do something else (only {@code validate()},
 * failing when the database is behind). Exceptions it throws stop the application.
 */
@FunctionalInterface
public interface SchemataMigrationStrategy {
    void migrate(Schemata schemata);
}
