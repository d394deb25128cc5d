package dev.schemata.junit;

import static dev.schemata.junit.FreshCopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A server named by URL (as a Testcontainers container's would be) instead of the throwaway one; here the
 * run's throwaway server stands in for it, reached by its URL as any other server.
 */
class GivenServerTest {
    private static final ConnectionSettings SERVER = Servers.of(null).admin();

    @Test
    void aGivenServerGetsTheTemplateAndTheCopiesAsTheGivenUser() throws SQLException {
        MigratedDatabase db = MigratedDatabases.configure()
                .url(SERVER.jdbcUrl(), SERVER.user(), SERVER.password())
                .placeholder("unused", "given")
                .fresh();

        assertThat(db.user()).isEqualTo(SERVER.user());
        assertThat(query(db.dataSource(), "SELECT item FROM orders")).containsExactly("seed");
        assertThat(query(db.dataSource(), "SELECT tableowner FROM pg_tables WHERE tablename = 'orders'"))
                .containsExactly(SERVER.user());
    }

    @Test
    void suppliedSettingsAreReadWhenTheFirstDatabaseIsNeeded() throws SQLException {
        java.util.concurrent.atomic.AtomicReference<String> url = new java.util.concurrent.atomic.AtomicReference<>();
        MigratedDatabases.Builder settings = MigratedDatabases.configure().placeholder("unused", "supplied")
                .url(url::get, SERVER::user, SERVER::password);
        // As a container started after the extension's field was made: its URL is known only now.
        url.set(SERVER.jdbcUrl() + "?sslmode=disable");

        MigratedDatabase db = settings.fresh();

        assertThat(db.user()).isEqualTo(SERVER.user());
        // The server's connection parameters hold for the copy too; printing it shows neither them nor the password.
        assertThat(db.jdbcUrl()).endsWith("/" + db.name() + "?sslmode=disable");
        assertThat(db.toString()).doesNotContain("?").doesNotContain(db.password());
        assertThat(query(db.dataSource(), "SELECT item FROM orders")).containsExactly("seed");
    }

    @org.junit.jupiter.api.Tag("case")
    @SchemataTest
    static class ByProperty {
        @Test
        void test(MigratedDatabase db) {
            assertThat(db.user()).isEqualTo(SERVER.user());
            assertThat(db.jdbcUrl()).startsWith(SERVER.jdbcUrl().substring(0, SERVER.jdbcUrl().lastIndexOf('/')));
        }
    }

    @Test
    void theSystemPropertyNamesTheServer() {
        System.setProperty(MigratedDatabases.URL_PROPERTY, SERVER.urlWithPassword());
        try {
            TestExecutionSummary summary = ExtensionFailuresTest.run(ByProperty.class);
            assertThat(summary.getFailures()).isEmpty();
            assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        } finally {
            System.clearProperty(MigratedDatabases.URL_PROPERTY);
        }
    }

    @Test
    void anEmptyPropertyIsAnErrorNotTheThrowawayServer() {
        System.setProperty(MigratedDatabases.URL_PROPERTY, "");
        try {
            assertThatThrownBy(MigratedDatabases::fresh).isInstanceOf(SchemataException.class)
                    .hasMessageContaining("schemata.test.url is set but empty");
        } finally {
            System.clearProperty(MigratedDatabases.URL_PROPERTY);
        }
    }
}
