package dev.schemata.maven;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.models.Finding;
import dev.schemata.models.ModelCheck;
import dev.schemata.models.ModelsSource;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code schemata:check-models}: do the project's JPA entities get the schema they expect? The JPA provider on
 * the project's classpath writes the DDL of the entities (of {@code <packages>}, as Spring Boot's entity scan, or
 * of a {@code <persistenceUnit>}), and every difference from the schema is reported, as {@code schemata
 * check-models --classpath} does; errors fail the build. The schema is the configured database, else what the
 * migrations build (on a throwaway database), else the schema file.
 */
@Mojo(name = "check-models", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class CheckModelsMojo extends SchemataMojo {
    /** Packages (and below) whose {@code @Entity} classes are checked, e.g. {@code com.example.domain}. */
    @Parameter(property = "schemata.packages")
    List<String> packages;

    /** A persistence unit of {@code META-INF/persistence.xml}, instead of {@code <packages>}. */
    @Parameter(property = "schemata.persistenceUnit")
    String persistenceUnit;

    /**
     * Properties for the JPA provider, e.g. Spring Boot's naming: {@code hibernate.physical_naming_strategy} =
     * {@code org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy}.
     */
    @Parameter
    Map<String, String> jpaProperties;

    /** Tables and columns whose differences are left out ({@code users.legacy_flag}); added to {@code [models] ignore}. */
    @Parameter(property = "schemata.ignore")
    List<String> ignore;

    /** How long the JPA provider may take to write the DDL, e.g. {@code 2m}. */
    @Parameter(property = "schemata.modelsTimeout", defaultValue = "2m")
    String modelsTimeout;

    @Override
    boolean readsMigrations() {
        return false;
    }

    @Override
    void run() {
        List<String> scanned = packages == null ? List.of() : packages.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        if ((persistenceUnit == null || persistenceUnit.isBlank()) == scanned.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "name the entities to check: <packages> (the packages of "
                    + "the @Entity classes) or <persistenceUnit>, not both");
        }
        ModelsSource models = new ModelsSource.Jpa(classpath(), scanned.isEmpty() ? persistenceUnit : null, scanned,
                jpaProperties == null ? Map.of() : jpaProperties, project.getBasedir().toPath(),
                Durations.parse(modelsTimeout, "s"));
        List<String> ignored = new ArrayList<>(modelsIgnore());
        if (ignore != null) {
            ignore.stream().map(String::strip).filter(i -> !i.isEmpty() && !ignored.contains(i)).forEach(ignored::add);
        }
        var configured = configuredTarget();
        try (DatabaseTarget embedded = configured.isPresent() ? null : openEmbedded()) {
            var builder = configureWithoutDatabase(embedded);
            configured.ifPresent(c -> builder.url(c.urlWithPassword()));
            ModelCheck.Report report = builder.load().checkModels(models, configured.isPresent() ? null : reference(), ignored);
            print(report);
            if (!report.passed()) {
                throw new SchemataException(ErrorCode.VALIDATION_FAILED, "check-models: the entities do not match "
                        + report.reference() + ": " + report.count(Finding.Severity.ERROR) + " error(s), e.g. "
                        + report.findings().get(0).subject() + " [" + report.findings().get(0).kind() + "]");
            }
        }
    }

    /** Without a database: what the migrations build, else the schema file. */
    private SchemaSource reference() {
        for (String location : migrationLocations()) {
            Path dir = Path.of(location);
            if (!location.startsWith("classpath:") && Files.isDirectory(dir)) {
                return new SchemaSource.Directory(dir);
            }
        }
        if (Files.isRegularFile(schemaFile())) {
            return new SchemaSource.File(SchemaFile.of(schemaFile()));
        }
        throw new SchemataException(ErrorCode.BAD_CONFIG, "nothing to check the entities against: configure a database "
                + "(<url>), or have migrations in " + String.join(", ", migrationLocations()) + " or a schema file " + schemaFile());
    }

    /** The project's compile and runtime classpath: its classes and the libraries the provider comes with. */
    private String classpath() {
        LinkedHashSet<String> elements = new LinkedHashSet<>();
        try {
            elements.addAll(project.getCompileClasspathElements());
            elements.addAll(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the project's classpath is not resolved: " + e.getMessage());
        }
        return String.join(File.pathSeparator, elements);
    }

    private void print(ModelCheck.Report report) {
        report.notCompared().forEach(n -> warn("not compared: " + n));
        report.unusedIgnores().forEach(i -> warn("ignored, but matched no difference: " + i));
        for (Finding f : report.findings()) {
            String where = report.locations().of(f).filter(l -> l.file() != null)
                    .map(l -> " (" + l.file() + (l.line() > 0 ? ":" + l.line() : "") + ")").orElse("");
            String text = f.subject() + " [" + f.kind() + "]: " + f.message() + where
                    + (f.expected() != null || f.actual() != null ? "; models: " + (f.expected() == null ? "-" : f.expected())
                    + ", database: " + (f.actual() == null ? "-" : f.actual()) : "");
            switch (f.severity()) {
                case ERROR -> error(text);
                case WARNING -> warn(text);
                case INFO -> info(text);
            }
        }
        Map<Finding.Severity, Long> counts = new LinkedHashMap<>();
        for (Finding.Severity s : Finding.Severity.values()) {
            counts.put(s, report.count(s));
        }
        info(report.findings().isEmpty() ? "check-models: the entities match " + report.reference()
                + (report.suppressed() > 0 ? " (" + report.suppressed() + " difference(s) ignored)" : "")
                : "check-models: " + counts.get(Finding.Severity.ERROR) + " error(s), " + counts.get(Finding.Severity.WARNING)
                + " warning(s), " + counts.get(Finding.Severity.INFO) + " info against " + report.reference()
                + (report.suppressed() > 0 ? ", " + report.suppressed() + " ignored" : ""));
    }
}
