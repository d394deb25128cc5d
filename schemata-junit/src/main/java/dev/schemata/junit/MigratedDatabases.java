package dev.schemata.junit;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Migrated databases for code outside JUnit's extension model, such as a Spring Boot test's
 * {@code @DynamicPropertySource}:
 * <pre>{@code
 * @DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     MigratedDatabase db = MigratedDatabases.fresh();
 *     registry.add("spring.datasource.url", db::jdbcUrl);
 *     registry.add("spring.datasource.username", db::user);
 *     registry.add("spring.datasource.password", db::password);
 * }
 * }</pre>
 * It shares the server and the templates with {@link SchemataTest}. A database made here lives until the JVM
 * ends (then it is dropped with the server, or from a given server), since an application context that uses
 * it may be cached for the whole run.
 */
public final class MigratedDatabases {
    /** System property naming a server to use instead of the throwaway one. */
    public static final String URL_PROPERTY = "schemata.test.url";
    /** Environment variable naming a server to use instead of the throwaway one. */
    public static final String URL_VARIABLE = "SCHEMATA_TEST_URL";

    private MigratedDatabases() {
    }

    /** A fresh copy of the migrations of {@code classpath:db/migration}, with default settings. */
    public static MigratedDatabase fresh() {
        return configure().fresh();
    }

    public static Builder configure() {
        return new Builder();
    }

    /**
     * The URL of this run's server for Schemata's {@code scratchUrl(…)}, so that a test comparing schemas
     * ({@code checkModels}, {@code plan}, {@code drift}) builds them there instead of starting a cluster of its
     * own: the throwaway server's superuser, or the server and user of {@code schemata.test.url}. Schemata runs
     * the SQL of its throwaway databases as a role it makes, no superuser. It holds the password; do not print it.
     * <pre>{@code
     * Schemata.configure().dataSource(db.dataSource()).scratchUrl(MigratedDatabases.scratchUrl()).load()
     * }</pre>
     */
    public static String scratchUrl() {
        return Servers.of(configuredServer()).admin().urlWithPassword();
    }

    /**
     * What a template is made from and where.
     *
     * @param server null for the throwaway server; else a URL with the user and password to use, if given apart
     */
    record Settings(List<String> locations, String historyTable, Map<String, String> placeholders, Server server,
                    ClassLoader classLoader) {
        Settings {
            locations = List.copyOf(locations);
            placeholders = Map.copyOf(placeholders);
        }
    }

    /** A server given by the user; user and password may be null when the URL (or PG*, ~/.pgpass) has them. */
    record Server(String url, String user, String password, String source) {
    }

    /** Settings of the template; {@link #fresh()} gives a copy. */
    public static final class Builder {
        private List<String> locations = List.of("classpath:db/migration");
        private String historyTable;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private Supplier<Server> server;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** Where the migrations are ({@code classpath:db/migration} unless set). */
        public Builder locations(String... locations) {
            if (locations.length == 0) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "locations(…) needs at least one location");
            }
            this.locations = Arrays.asList(locations.clone());
            return this;
        }

        /** {@code table} or {@code schema.table}. */
        public Builder historyTable(String table) {
            this.historyTable = table;
            return this;
        }

        public Builder placeholder(String name, String value) {
            placeholders.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * A server to use instead of the throwaway one (a Testcontainers container's {@code getJdbcUrl()},
         * {@code getUsername()}, {@code getPassword()}); user and password may be null when the URL carries them.
         */
        public Builder url(String url, String user, String password) {
            Server given = new Server(Objects.requireNonNull(url, "url"), user, password, "url(…)");
            this.server = () -> given;
            return this;
        }

        /**
         * As {@link #url(String, String, String)}, read when the first database is needed: for a container that
         * starts after this builder is made ({@code url(postgres::getJdbcUrl, postgres::getUsername,
         * postgres::getPassword)} with Testcontainers' {@code @Container}).
         */
        public Builder url(Supplier<String> url, Supplier<String> user, Supplier<String> password) {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            this.server = () -> new Server(Objects.requireNonNull(url.get(), "url"), user.get(), password.get(), "url(…)");
            return this;
        }

        /** The class loader that finds {@code classpath:} locations (by default the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader);
            return this;
        }

        /** A fresh copy of the template, which is migrated first if this JVM has not done so yet. */
        public MigratedDatabase fresh() {
            Settings settings = settings(null);
            return Servers.of(settings.server()).copyForRun(settings);
        }

        /** The settings, with a server from the system property or variable when none was given. */
        Settings settings(ClassLoader fallback) {
            ClassLoader loader = classLoader != null ? classLoader
                    : fallback != null ? fallback
                    : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                    : MigratedDatabases.class.getClassLoader();
            return new Settings(locations, historyTable, placeholders, server != null ? server.get() : configuredServer(), loader);
        }

        Builder from(SchemataTest annotation) {
            if (annotation.locations().length > 0) {
                locations(annotation.locations());
            }
            if (!annotation.historyTable().isEmpty()) {
                historyTable(annotation.historyTable());
            }
            for (String placeholder : annotation.placeholders()) {
                int eq = placeholder.indexOf('=');
                if (eq <= 0) {
                    throw new SchemataException(ErrorCode.BAD_CONFIG, "@SchemataTest placeholders take name=value, got \""
                            + placeholder + "\"");
                }
                placeholder(placeholder.substring(0, eq), placeholder.substring(eq + 1));
            }
            if (!annotation.url().isEmpty()) {
                Server given = new Server(annotation.url(), null, null, "@SchemataTest(url)");
                this.server = () -> given;
            }
            return this;
        }
    }

    /** The server named by {@code schemata.test.url} or {@code SCHEMATA_TEST_URL}, if any; empty values are errors. */
    static Server configuredServer() {
        Optional<Server> property = named(System.getProperty(URL_PROPERTY), "system property " + URL_PROPERTY,
                System.getProperty("schemata.test.user"), System.getProperty("schemata.test.password"));
        if (property.isPresent()) {
            return property.get();
        }
        return named(System.getenv(URL_VARIABLE), "variable " + URL_VARIABLE, System.getenv("SCHEMATA_TEST_USER"),
                System.getenv("SCHEMATA_TEST_PASSWORD")).orElse(null);
    }

    private static Optional<Server> named(String url, String source, String user, String password) {
        if (url == null) {
            return Optional.empty();
        }
        if (url.isBlank()) {
            // A CI job whose variable went missing must not silently test against something else.
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the " + source + " is set but empty: give a server's URL,"
                    + " or unset it to use a throwaway server");
        }
        return Optional.of(new Server(url, user, password, source));
    }
}
