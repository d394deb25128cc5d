package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.models.ModelsSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the DDL the application's models expect comes from: {@code --models-ddl}, {@code --models-ddl-command}, or
 * the JPA provider on {@code --classpath}.
 */
final class ModelsOptions {
    @Option(names = "--models-ddl", paramLabel = "FILE", description = "A file with the DDL the models expect.")
    Path ddlFile;

    @Option(names = "--models-ddl-command", paramLabel = "CMD", description = "A command (run with sh -c in the "
            + "working directory) whose standard output is the DDL the models expect, e.g. \"python3 models_ddl.py\".")
    String ddlCommand;

    @Option(names = "--classpath", paramLabel = "CLASSPATH", description = "JPA entities: the application's runtime "
            + "classpath (':'-separated, with its JPA provider such as Hibernate); the provider writes the DDL the "
            + "entities expect. With --persistence-unit or --packages.")
    String classpath;

    @Option(names = "--persistence-unit", paramLabel = "NAME", description = "With --classpath: the persistence unit "
            + "of a META-INF/persistence.xml.")
    String persistenceUnit;

    @Option(names = "--packages", paramLabel = "PACKAGE", split = ",", description = "With --classpath: the packages "
            + "(and below) whose @Entity classes make the unit, as Spring Boot's entity scan, e.g. com.example.domain.")
    List<String> packages = new ArrayList<>();

    @Option(names = "--jpa-property", paramLabel = "KEY=VALUE", description = "With --classpath: a property for the "
            + "JPA provider, e.g. hibernate.physical_naming_strategy=org.hibernate.boot.model.naming."
            + "CamelCaseToUnderscoresNamingStrategy as Spring Boot sets it.")
    Map<String, String> jpaProperties = new LinkedHashMap<>();

    @Option(names = "--models-timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long --models-ddl-command or the JPA provider may run (default: ${DEFAULT-VALUE}).")
    String timeout;

    boolean given() {
        return ddlFile != null || ddlCommand != null || classpath != null;
    }

    ModelsSource source(CliContext context) {
        long ways = Stream.of(ddlFile, ddlCommand, classpath).filter(Objects::nonNull).count();
        if (ways > 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "give one of --models-ddl, --models-ddl-command and "
                    + "--classpath, not several");
        }
        if (classpath == null && (persistenceUnit != null || !packages.isEmpty() || !jpaProperties.isEmpty())) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--persistence-unit, --packages and --jpa-property need "
                    + "--classpath, the application's classpath holding the entities and the JPA provider");
        }
        if (ddlFile != null) {
            return new ModelsSource.DdlFile(context.resolve(ddlFile), ddlFile.toString());
        }
        Duration limit = MigrationsOptions.duration(timeout, "--models-timeout");
        if (classpath != null) {
            List<String> scanned = packages.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
            if ((persistenceUnit == null) == scanned.isEmpty()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "with --classpath, give either --persistence-unit NAME "
                        + "or --packages com.example.domain (the packages of the @Entity classes)");
            }
            if (classpath.isBlank()) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--classpath is empty");
            }
            return new ModelsSource.Jpa(classpath, persistenceUnit, scanned, jpaProperties, context.workDir(), limit);
        }
        if (ddlCommand == null || ddlCommand.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "say where the models' DDL comes from: --models-ddl FILE, "
                    + "--models-ddl-command CMD, or --classpath CP with --persistence-unit or --packages (JPA)");
        }
        return new ModelsSource.DdlCommand(ddlCommand, context.workDir(), limit);
    }

    /** Where a command's DDL is kept while it is loaded: the system's temporary directory (the file is owner-only). */
    static Path scratchDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
