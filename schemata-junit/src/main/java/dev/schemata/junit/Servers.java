package dev.schemata.junit;

import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers of this JVM, one per address: the throwaway one, started on first use, and those the user
 * named. They are shared by every test class and by {@link MigratedDatabases}, so that the throwaway server
 * starts once per test run and each template is migrated once. This is the module's one piece of JVM-wide
 * state, by necessity: JUnit's stores do not reach a Spring {@code @DynamicPropertySource} method. A shutdown
 * hook closes them all (the throwaway server is stopped and deleted) when the test JVM ends.
 */
final class Servers {
    private static final Map<String, TemplateServer> SERVERS = new LinkedHashMap<>();
    private static boolean hooked;

    private Servers() {
    }

    /** The server for {@code given}, or the throwaway one when null. */
    static synchronized TemplateServer of(MigratedDatabases.Server given) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Servers::closeAll, "schemata-junit shutdown"));
            hooked = true;
        }
        if (given == null) {
            return SERVERS.computeIfAbsent("", key -> TemplateServer.embedded());
        }
        ConnectionSettings settings = resolve(given);
        return SERVERS.computeIfAbsent(settings.maskedUrl(), key -> TemplateServer.given(settings));
    }

    private static ConnectionSettings resolve(MigratedDatabases.Server given) {
        ConnectionSettings settings = new ConnectionResolver(Environment.current(), message -> { })
                .fromUrl(given.url(), given.source());
        if (given.user() != null) {
            settings = new ConnectionSettings(settings.hosts(), settings.database(), given.user(), settings.password(),
                    settings.parameters(), settings.source());
        }
        return given.password() != null ? settings.withPassword(given.password()) : settings;
    }

    private static synchronized void closeAll() {
        for (TemplateServer server : SERVERS.values()) {
            try {
                server.close();
            } catch (RuntimeException e) {
                System.err.println("schemata-junit: " + e.getMessage());
            }
        }
        SERVERS.clear();
    }
}
