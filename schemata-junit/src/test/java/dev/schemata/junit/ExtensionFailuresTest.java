package dev.schemata.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** What a user sees when the extension cannot give a test its database: test classes run through JUnit itself. */
class ExtensionFailuresTest {

    @org.junit.jupiter.api.Tag("case")
    @SchemataTest(locations = "classpath:broken")
    static class BrokenMigrations {
        @Test
        void one(MigratedDatabase db) {
        }

        @Test
        void two(MigratedDatabase db) {
        }
    }

    @Test
    void aBrokenMigrationFailsTheClassOnceWithSchematasMessage() {
        TestExecutionSummary summary = run(BrokenMigrations.class);

        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertThat(failures).hasSize(1);
        Throwable failure = failures.get(0).getException();
        assertThat(failure.getMessage()).contains("V2__typo.sql:2").contains("\"itme\"").contains("does not exist")
                .contains("classpath:broken");
        assertThat(summary.getTestsSucceededCount()).isZero();
    }

    @org.junit.jupiter.api.Tag("case")
    @SchemataTest
    static class BeforeAllWithoutClassScope {
        @org.junit.jupiter.api.BeforeAll
        static void setUp(MigratedDatabase db) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void aBeforeAllParameterNeedsClassScope() {
        TestExecutionSummary summary = run(BeforeAllWithoutClassScope.class);

        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException().getMessage()).contains("scope = Scope.CLASS");
    }

    static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }
}
