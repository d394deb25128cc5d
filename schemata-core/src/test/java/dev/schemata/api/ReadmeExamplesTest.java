package dev.schemata.api;

import dev.schemata.PlanResult;
import dev.schemata.lint.LintReport;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.testing.PgDumpAvailable;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.schemata.api.SchemataApiTest.dataSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The documented examples compile (they are {@link ReadmeExamples}), run, and are quoted exactly. */
@ExtendWith(PostgresExtension.class)
class ReadmeExamplesTest {
    private static final Path EXAMPLES = Path.of("src/test/java/dev/schemata/api/ReadmeExamples.java");

    /** The text between {@code // tag::name[]} and {@code // end::name[]}, without its common indentation. */
    static String region(String name) throws IOException {
        String source = Files.readString(EXAMPLES);
        Matcher m = Pattern.compile("(?s)// tag::" + Pattern.quote(name) + "\\[]\\n(.*?)\\n\\s*// end::" + Pattern.quote(name)
                + "\\[]").matcher(source);
        assertThat(m.find()).as("region " + name).isTrue();
        List<String> lines = m.group(1).lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).collect(Collectors.joining("\n"));
    }

    @Test
    void theReadmeQuotesEveryExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String name : List.of("migrate", "declarative", "lint-backup")) {
            assertThat(readme).as("README quotes example " + name).contains("```java\n" + region(name) + "\n```");
        }
    }

    @Test
    void theFacadeJavadocQuotesTheMigrateExample() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/schemata/Schemata.java"));
        Matcher m = Pattern.compile("(?s)<pre>\\{@code\\n(.*?)\\n \\* }</pre>").matcher(source);
        assertThat(m.find()).isTrue();
        String javadoc = m.group(1).lines().map(l -> l.replaceFirst("^ \\* ?", "")).collect(Collectors.joining("\n"));
        assertThat(javadoc).isEqualTo(region("migrate"));
    }

    @Test
    void theMigrateExampleMigratesFromTheClassPath(TestDatabase db, @TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("db").resolve("migration"));
        Files.writeString(folder.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
        List<String> log = new ArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            MigrateResult result = ReadmeExamples.migrateAtStartUp(dataSource(db), log::add);
            assertThat(result.currentVersion()).isEqualTo("1");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(db.tables()).contains("orders");
        assertThat(log).anyMatch(line -> line.startsWith("applied 1 orders"));
    }

    @Test
    void theDeclarativeExamplePlansAndApplies(TestDatabase db, @TempDir Path dir) throws Exception {
        Path schema = dir.resolve("init.sql");
        Files.writeString(schema, "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        PlanResult plan = ReadmeExamples.declarative(db.url(), schema, db.cluster().settings("postgres").urlWithPassword());
        assertThat(plan.inSync()).isFalse();
        assertThat(db.tables()).contains("orders");
    }

    @Test
    void theLintAndBackupExampleRuns(TestDatabase db, @TempDir Path dir) throws Exception {
        PgDumpAvailable.assume(db.cluster());
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_t.sql"), "CREATE TABLE t (id int);");
        db.execute("CREATE TABLE t (id int)");
        LintReport report = ReadmeExamples.lintAndBackUp(db.url(), migrations, dir.resolve("backups"));
        assertThat(report).isNotNull();
        assertThat(report.files()).isEqualTo(1);
        assertThat(Arrays.stream(dir.resolve("backups").toFile().list())).anyMatch(name -> name.endsWith(".dump"));
    }
}
