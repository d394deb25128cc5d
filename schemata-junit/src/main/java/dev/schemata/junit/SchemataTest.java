package dev.schemata.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the tests of a class a migrated database: parameters of type {@link MigratedDatabase} or
 * {@link javax.sql.DataSource} of test methods and {@code @BeforeEach}/{@code @AfterEach} methods receive a fresh
 * copy of a template database that was migrated once per test run, and so do the test instance's fields of type
 * {@link MigratedDatabase} (set before each test).
 * <pre>{@code
 * @SchemataTest
 * class OrderRepositoryTest {
 *     @Test
 *     void savesAnOrder(DataSource db) { … }
 * }
 * }</pre>
 * The server is a throwaway PostgreSQL that Schemata starts once per test run (no Docker), unless
 * {@link #url()}, the system property {@code schemata.test.url} or the variable {@code SCHEMATA_TEST_URL}
 * names one (such as a Testcontainers container's).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SchemataExtension.class)
public @interface SchemataTest {

    /** Where the migrations are: {@code classpath:folder}, {@code filesystem:path}, or a path. */
    String[] locations() default {"classpath:db/migration"};

    /** The history table, {@code table} or {@code schema.table}; empty for Schemata's default. */
    String historyTable() default "";

    /** Placeholder values, each {@code name=value}. */
    String[] placeholders() default {};

    /**
     * A server to use instead of the throwaway one: a {@code jdbc:postgresql://} or {@code postgresql://} URL
     * of a user allowed to create databases. Empty: the system property {@code schemata.test.url}, else the
     * variable {@code SCHEMATA_TEST_URL}, else the throwaway server.
     */
    String url() default "";

    /** Whether each test method gets its own copy (the default) or the tests of the class share one. */
    Scope scope() default Scope.METHOD;

    /** How long a copy lives. */
    enum Scope {
        /** A copy per test method: what one test writes, the next one does not see. */
        METHOD,
        /** One copy per test class, shared by its tests (and available to {@code @BeforeAll} methods). */
        CLASS
    }
}
