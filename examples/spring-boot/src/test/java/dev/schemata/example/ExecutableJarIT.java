package dev.schemata.example;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar the Spring Boot plugin builds, run with {@code java -jar}: its migrations are read from
 * {@code BOOT-INF/classes} and Schemata itself from {@code BOOT-INF/lib}, Spring Boot's nested jars.
 */
@ExtendWith(PostgresExtension.class)
class ExecutableJarIT {

    private record Run(int exitCode, String output) {
    }

    private static Run run(TestDatabase db, Path log, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("example.jar"));
        assertThat(jar).isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", db.settings().jdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", db.settings().user());
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", db.settings().password());
        Process process = pb.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar did not end within 2 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void theExecutableJarMigratesFromItsNestedJars(TestDatabase db, @TempDir Path dir) throws Exception {
        Run run = run(db, dir.resolve("out.log"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("applied 2 migrations", "book: The Art of PostgreSQL by Dimitri Fontaine");
        assertThat(db.query("SELECT filename FROM schema_migrations ORDER BY id")).extracting(r -> r.get("filename"))
                .containsExactly("V1__books.sql", "V2__book_author.sql");
    }

    @Test
    void aBrokenMigrationStopsTheJarWithOneScreenNamingFileAndLine(TestDatabase db, @TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectory(dir.resolve("more"));
        Files.writeString(migrations.resolve("V3__shelf.sql"), "CREATE TABLE shelf (id int);\nSELECT 1/0;\n");
        Run run = run(db, dir.resolve("out.log"), "--spring.schemata.locations=classpath:db/migration,filesystem:" + migrations);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        String report = run.output().substring(run.output().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("V3__shelf.sql:2", "division by zero", "Fix the migration named above");
        assertThat(report.lines().count()).isLessThan(25);
        assertThat(run.output()).doesNotContain("\tat ");
        // V1 and V2 came from the jar and stay applied; V3 left nothing.
        assertThat(db.tables()).containsExactlyInAnyOrder("book", "schema_migrations");
    }
}
