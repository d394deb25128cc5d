package dev.schemata.example;

import dev.schemata.Schemata;
import dev.schemata.junit.MigratedDatabase;
import dev.schemata.junit.MigratedDatabases;
import dev.schemata.models.Finding;
import dev.schemata.models.ModelCheck;
import dev.schemata.models.ModelLocations;
import dev.schemata.models.ModelsSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check-models as a test of the application: the DDL the application's own Hibernate writes for its entities,
 * compared with the schema its migrations build. Stricter than {@code ddl-auto=validate}, which lets a
 * nullable field map a NOT NULL column and a {@code varchar(255)} map {@code text}.
 */
class EntitiesMatchMigrationsTest {

    /** The entities as Spring Boot maps them: its naming strategies shape the table and column names. */
    static final ModelsSource ENTITIES = ModelsSource.Jpa.onThisClasspath(List.of("dev.schemata.example"), Map.of(
            "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
            "hibernate.implicit_naming_strategy", "org.springframework.boot.hibernate.SpringImplicitNamingStrategy"));

    /** Compares the entities with a migrated database; the throwaway databases go on the run's one server. */
    static ModelCheck.Report check(MigratedDatabase db) {
        return Schemata.configure()
                .dataSource(db.dataSource())
                .scratchUrl(MigratedDatabases.scratchUrl())
                .load()
                .checkModels(ENTITIES, null, List.of());
    }

    @Test
    void theEntitiesMatchTheSchemaTheMigrationsBuild() {
        ModelCheck.Report report = check(MigratedDatabases.fresh());

        assertThat(report.findings()).as(describe(report)).isEmpty();
        assertThat(report.notCompared()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aMigrationTheEntitiesDoNotFollowIsReportedWithEntityAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V3__rename_author.sql"), "ALTER TABLE book RENAME COLUMN author TO written_by;\n");
        MigratedDatabase db = MigratedDatabases.configure()
                .locations("classpath:db/migration", "filesystem:" + dir)
                .fresh();

        ModelCheck.Report report = check(db);

        assertThat(report.passed()).isFalse();
        Finding missing = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                .findFirst().orElseThrow(() -> new AssertionError(describe(report)));
        assertThat(missing.kind()).isEqualTo("missing-column");
        assertThat(missing.subject()).isEqualTo("public.book.author");
        ModelLocations.Location where = report.locations().of(missing).orElseThrow();
        assertThat(where.entity()).endsWith("Book");
        assertThat(where.file()).endsWith("src/main/java/dev/schemata/example/Book.java");
        assertThat(Files.readAllLines(Path.of(where.file())).get(where.line() - 1)).contains("author");
        assertThat(report.count(Finding.Severity.ERROR)).as(describe(report)).isEqualTo(1);
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("extra-column");
            assertThat(f.subject()).isEqualTo("public.book.written_by");
        });
    }

    /** The findings, one a line, for a failing assertion's message. */
    static String describe(ModelCheck.Report report) {
        return report.findings().stream()
                .map(f -> f.severity() + " " + f.subject() + " [" + f.kind() + "]: " + f.message()
                        + " (models: " + f.expected() + "; database: " + f.actual() + ")")
                .collect(Collectors.joining("\n", report.models() + " against " + report.reference() + ":\n", ""));
    }
}
