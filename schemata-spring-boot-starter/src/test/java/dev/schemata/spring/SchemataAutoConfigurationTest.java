package dev.schemata.spring;

import dev.schemata.Schemata;
import dev.schemata.spring.ddl.DdlApp;
import dev.schemata.spring.jpa.JpaApp;
import dev.schemata.spring.jpa.Person;
import dev.schemata.spring.jpa.PersonRepository;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
class SchemataAutoConfigurationTest {

    private static String[] datasource(TestDatabase db, String... more) {
        return Stream.concat(Stream.of(
                "spring.datasource.url=" + db.settings().jdbcUrl(),
                "spring.datasource.username=" + db.settings().user(),
                "spring.datasource.password=" + db.settings().password()), Arrays.stream(more)).toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(Class<?> app, TestDatabase db, String... properties) {
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(datasource(db, properties)).run();
    }

    private final ApplicationContextRunner jdbc = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SchemataAutoConfiguration.class));

    @Test
    void migratesBeforeJpaSoThatValidatePassesAndTheRepositoryWorks(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(JpaApp.class, db, "spring.jpa.hibernate.ddl-auto=validate")) {
            assertThat(context.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn())
                    .contains("schemataMigrationInitializer");
            PersonRepository people = context.getBean(PersonRepository.class);
            people.save(new Person("Ada"));
            assertThat(people.findAll()).extracting(Person::getName).containsExactly("Ada");
        }
        assertThat(db.value("SELECT string_agg(version, ',') FROM schema_migrations")).isEqualTo("1");
    }

    @Test
    void hibernateCreatesNothingWhenSchemataManagesTheSchema(TestDatabase db) {
        // generate-ddl=true would make Hibernate create the note table; the migrations own the schema.
        start(DdlApp.class, db, "spring.jpa.generate-ddl=true").close();
        assertThat(db.tables()).containsExactlyInAnyOrder("person", "schema_migrations");
    }

    @Test
    void anExplicitDdlAutoIsTheApplicationsChoice(TestDatabase db, CapturedOutput output) {
        start(DdlApp.class, db, "spring.jpa.hibernate.ddl-auto=update").close();
        assertThat(db.tables()).contains("note", "person");
        assertThat(output).contains("Hibernate's ddl-auto is update while Schemata migrates this database");
    }

    @Test
    void propertiesAreHonoured(TestDatabase db) {
        db.execute("CREATE SCHEMA audit");
        jdbc.withPropertyValues(datasource(db,
                        "spring.schemata.locations=classpath:db/other",
                        "spring.schemata.history-table=audit.history",
                        "spring.schemata.target=2",
                        "spring.schemata.placeholders.owner=ops",
                        "spring.schemata.lock-timeout=30s",
                        "spring.schemata.out-of-order=true"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Schemata.Settings settings = context.getBean(Schemata.class).settings();
                    assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(settings.outOfOrder()).isTrue();
                });
        assertThat(db.tables()).containsExactly("a", "b");
        assertThat(db.value("SELECT string_agg(version, ',' ORDER BY version) FROM audit.history")).isEqualTo("1,2");
        assertThat(db.value("SELECT column_default FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'owner'"))
                .isEqualTo("'ops'::text");
    }

    @Test
    void aDedicatedUrlAndUserAreUsedInsteadOfTheDataSource(TestDatabase app, TestDatabase other) {
        jdbc.withPropertyValues(datasource(app,
                        "spring.schemata.url=" + other.settings().jdbcUrl(),
                        "spring.schemata.user=" + other.settings().user(),
                        "spring.schemata.password=" + other.settings().password()))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(other.tables()).containsExactlyInAnyOrder("person", "schema_migrations");
        assertThat(app.tables()).isEmpty();
    }

    @Test
    void aDedicatedPostgresqlUrlCarriesItsOwnCredentials(TestDatabase app, TestDatabase other) {
        jdbc.withPropertyValues(datasource(app, "spring.schemata.url=" + other.url()))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(other.tables()).containsExactlyInAnyOrder("person", "schema_migrations");
        assertThat(app.tables()).isEmpty();
    }

    @Test
    void aUserOfItsOwnMigratesTheDataSourcesDatabase(TestDatabase db) {
        // The application connects as the superuser here; the migrations run as the schema's owner.
        db.execute("CREATE ROLE schema_owner LOGIN PASSWORD 'owner secret'");
        db.execute("GRANT CREATE ON DATABASE " + db.name() + " TO schema_owner");
        db.execute("GRANT CREATE ON SCHEMA public TO schema_owner");
        jdbc.withPropertyValues(datasource(db, "spring.schemata.user=schema_owner", "spring.schemata.password=owner secret"))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.value("SELECT applied_by FROM schema_migrations")).isEqualTo("schema_owner");
        assertThat(db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'person'")).isEqualTo("schema_owner");
    }

    @Test
    void nothingRunsWhenDisabled(TestDatabase db) {
        jdbc.withPropertyValues(datasource(db, "spring.schemata.enabled=false"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Schemata.class)
                        .doesNotHaveBean(SchemataMigrationInitializer.class));
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aStrategyReplacesTheMigrationAndCustomizersChangeTheConfiguration(TestDatabase db) {
        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=classpath:db/other"))
                .withUserConfiguration(Hooks.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Hooks.class).calls).containsExactly("customizer", "strategy");
                });
        // The customizer stopped at version 1; the strategy ran the migration after looking at the status.
        assertThat(db.tables()).containsExactlyInAnyOrder("a", "schema_migrations");
        assertThat(db.value("SELECT column_default FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'owner'"))
                .isEqualTo("'from customizer'::text");
    }

    @Configuration(proxyBeanMethods = false)
    static class Hooks {
        final List<String> calls = new ArrayList<>();

        @Bean
        SchemataConfigurationCustomizer customizer() {
            return builder -> {
                calls.add("customizer");
                builder.target("1").placeholder("owner", "from customizer");
            };
        }

        @Bean
        SchemataMigrationStrategy strategy() {
            return schemata -> {
                calls.add("strategy");
                assertThat(schemata.status().migrations()).isNotEmpty();
                schemata.migrate();
            };
        }
    }

    @Test
    void aBrokenMigrationStopsTheApplicationWithOneScreenNamingFileAndLine(TestDatabase db, CapturedOutput output) {
        assertThatThrownBy(() -> start(JpaApp.class, db, "spring.schemata.locations=classpath:db/broken",
                "spring.jpa.hibernate.ddl-auto=validate").close());
        String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("V2__broken.sql:3", "brokn", "Fix the migration named above");
        assertThat(report.lines().count()).isLessThan(25);
        assertThat(output.getAll()).doesNotContain("\tat ");
        // The migration before the broken one stays applied; the broken one left nothing.
        assertThat(db.tables()).containsExactlyInAnyOrder("ok", "schema_migrations");
    }

    @Test
    void lintModeErrorStopsTheStartBeforeAnyChange(TestDatabase db, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id int PRIMARY KEY);\nINSERT INTO orders VALUES (1);\n");
        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=filesystem:" + dir))
                .run(context -> assertThat(context).hasNotFailed());
        Files.writeString(dir.resolve("V2__status.sql"), "ALTER TABLE orders ADD COLUMN status text NOT NULL;\n");

        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=filesystem:" + dir, "spring.schemata.lint-mode=error"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new SchemataFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("LINT_FINDINGS", "V2__status.sql:1",
                            "add-column-not-null-no-default");
                    assertThat(analysis.getAction()).contains("spring.schemata.lint-mode=warn");
                });
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(1L);
    }

    @Test
    void validateOnMigrateStopsTheStartOnAMissingFileUnlessSwitchedOff(TestDatabase db, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=filesystem:" + dir))
                .run(context -> assertThat(context).hasNotFailed());
        Files.delete(dir.resolve("V1__a.sql"));
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);\n");

        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=filesystem:" + dir))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("validation failed before migrating").hasMessageContaining("V1__a.sql"));
        assertThat(db.tables()).doesNotContain("b");

        jdbc.withPropertyValues(datasource(db, "spring.schemata.locations=filesystem:" + dir,
                        "spring.schemata.validate-on-migrate=false"))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.tables()).contains("a", "b");
    }
}
