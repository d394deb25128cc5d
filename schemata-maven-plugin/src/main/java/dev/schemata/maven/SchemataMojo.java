package dev.schemata.maven;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.config.EnvironmentConfig;
import dev.schemata.config.ProjectConfig;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.connect.Redactor;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * What every goal shares: its parameters, the skip switch, the target database, and the one place where
 * Schemata's errors become a failed build. A {@link SchemataException}'s message (which names file and line)
 * is the build failure's message; its stack trace is shown only with {@code -e} or {@code -X}, as Maven does.
 */
public abstract class SchemataMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    @Inject
    SettingsDecrypter settingsDecrypter;

    /** Skips every Schemata goal of the build. */
    @Parameter(property = "schemata.skip", defaultValue = "false")
    boolean skip;

    /**
     * The database: {@code postgresql://user@host:port/db} or {@code jdbc:postgresql://…}. Without it: the
     * {@code url} of the selected {@code schemata.toml} environment, then {@code SCHEMATA_URL}, {@code DATABASE_URL},
     * the {@code PG*} variables, else the embedded database.
     */
    @Parameter(property = "schemata.url")
    String url;

    /** The user, instead of the URL's. */
    @Parameter(property = "schemata.user")
    String user;

    /** The password, instead of the URL's; better kept in settings.xml ({@code serverId}) or {@code ~/.pgpass}. */
    @Parameter(property = "schemata.password")
    String password;

    /** The id of a {@code <server>} in settings.xml whose username and (decrypted) password are used. */
    @Parameter(property = "schemata.serverId")
    String serverId;

    /** The environment of {@code schemata.toml} to use (default: {@code SCHEMATA_ENV}, else the file's default). */
    @Parameter(property = "schemata.env")
    String env;

    /**
     * The configuration file (default: {@code schemata.toml} in the module's directory, else in its parents up to
     * the top of the multi-module build).
     */
    @Parameter(property = "schemata.configFile")
    File configFile;

    /**
     * Where migrations are: directories, {@code filesystem:dir} or {@code classpath:folder} (default: the
     * environment's {@code migrations}, else {@code src/main/resources/db/migration}).
     */
    @Parameter(property = "schemata.locations")
    List<String> locations;

    /** The history table, {@code table} or {@code schema.table} (default: the environment's, else schemata_history). */
    @Parameter(property = "schemata.historyTable")
    String historyTable;

    /** Values for {@code ${name}} placeholders in migrations. */
    @Parameter
    Map<String, String> placeholders;

    /** How long to wait for the migration lock, e.g. {@code 30s} (default: 10s). */
    @Parameter(property = "schemata.lockTimeout")
    String lockTimeout;

    /** Where the embedded database keeps its data when no database is configured. */
    @Parameter(property = "schemata.embedded.directory", defaultValue = "${project.build.directory}/schemata/dev")
    File embeddedDirectory;

    /** PostgreSQL server binaries for the embedded database: a major (17) or a Maven-published version (17.11.0). */
    @Parameter(property = "schemata.pgVersion")
    String pgVersion;

    /** A directory of PostgreSQL server binaries for the embedded database. */
    @Parameter(property = "schemata.pgBin")
    File pgBin;

    /**
     * The schema file of {@code plan}, {@code apply}, {@code drift} and {@code generate} (default: the environment's
     * {@code schema_file}, else {@code src/main/resources/db/init.sql}).
     */
    @Parameter(property = "schemata.schemaFile")
    File schemaFile;

    /** Only these schemas are read and compared by the declarative goals (default: all). */
    @Parameter(property = "schemata.schemas")
    List<String> schemas;

    /** Go on when a schema holds objects Schemata cannot represent; they are listed. */
    @Parameter(property = "schemata.allowUnsupported", defaultValue = "false")
    boolean allowUnsupported;

    /**
     * A superuser URL of a server of the target's major version for throwaway databases (default:
     * {@code SCHEMATA_SCRATCH_URL}; else the embedded database when it is the target or no database is configured,
     * else a cluster started under {@code target/schemata/}).
     */
    @Parameter(property = "schemata.scratchUrl")
    String scratchUrl;

    /** Run the SQL on throwaway databases as the scratch server's superuser instead of an unprivileged role. */
    @Parameter(property = "schemata.scratchSuperuser", defaultValue = "false")
    boolean scratchSuperuser;

    /** Leaves the embedded database running after the goal (by default a goal stops it if it started it). */
    @Parameter(property = "schemata.embedded.keepRunning", defaultValue = "false")
    boolean keepEmbeddedRunning;

    private Redactor redactor = Redactor.none();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + " (schemata.skip)");
            return;
        }
        redactor = redactor.with(password);
        try {
            if (readsMigrations() && parentWithoutMigrations()) {
                info("no migrations in " + defaultLocation() + " of this pom module: nothing to do");
                return;
            }
            run();
        } catch (SchemataException e) {
            throw new MojoFailureException(redact(e.getMessage()), redacted(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(goal() + " failed: " + redact(String.valueOf(e.getMessage())), redacted(e));
        }
    }

    /**
     * The cause as {@code -e} and {@code -X} print it: the same stack traces, with known passwords masked in every
     * message of the chain (a server error can quote one), as the CLI's {@code --debug} does.
     */
    private Throwable redacted(Throwable t) {
        if (t == null) {
            return null;
        }
        RuntimeException copy = new RuntimeException(t.getClass().getName() + ": " + redact(t.getMessage()),
                redacted(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Whether the goal reads the migrations (most do; goals about init.sql do not). */
    boolean readsMigrations() {
        return true;
    }

    /**
     * A parent or aggregator (packaging pom) inherits the plugin's executions from where they are declared for
     * its modules; with no migrations (and no schema file) of its own configured or present, it has nothing to do.
     * Any other module without its migrations fails, as a missing directory does in the CLI.
     */
    private boolean parentWithoutMigrations() {
        return "pom".equals(project.getPackaging()) && (locations == null || locations.isEmpty())
                && environment().migrations() == null && !java.nio.file.Files.exists(defaultLocation())
                && !java.nio.file.Files.exists(schemaFile());
    }

    private Path defaultLocation() {
        return project.getBasedir().toPath().resolve("src/main/resources/db/migration");
    }

    /** The goal's work; throws {@link SchemataException} for everything a user can fix. */
    abstract void run() throws MojoFailureException;

    final String goal() {
        return mojoExecution == null ? getClass().getSimpleName() : "schemata:" + mojoExecution.getGoal();
    }

    /** The library facade's builder over the target database, with the goal's shared settings applied. */
    final Schemata.Builder configure(DatabaseTarget target) {
        return configureWithoutDatabase(target).url(target.settings().urlWithPassword());
    }

    static String versionText(String version) {
        return version == null ? "(none)" : version;
    }

    /**
     * The builder with no database, for the goals that work without one (lint) or on throwaway databases only:
     * the embedded database, when given, serves as the scratch server.
     */
    final Schemata.Builder configureWithoutDatabase(DatabaseTarget scratchTarget) {
        Schemata.Builder builder = Schemata.configure()
                .listener(this::info)
                .locations(migrationLocations().toArray(String[]::new))
                .classLoader(projectClasses())
                .schemaFile(schemaFile())
                .allowUnsupported(allowUnsupported)
                .lintOptions(environment().lint().toOptions())
                .scratchSuperuser(scratchSuperuser)
                .workDirectory(new File(project.getBuild().getDirectory(), "schemata").toPath());
        if (schemas != null && !schemas.isEmpty()) {
            builder.schemas(dev.schemata.catalog.SchemaFilter.only(schemas.toArray(String[]::new)));
        }
        if (pgBin != null) {
            builder.pgBin(pgBin.toPath());
        } else if (pgVersion != null) {
            builder.pgVersion(pgVersion);
        }
        String history = historyTable != null ? historyTable
                : environment().historyTable() == null ? null : environment().historyTable().toString();
        if (history != null) {
            builder.historyTable(history);
        }
        if (placeholders != null) {
            placeholders.forEach(builder::placeholder);
        }
        if (lockTimeout != null) {
            builder.lockTimeout(Durations.parse(lockTimeout, "s"));
        }
        String scratch = scratchUrl != null ? scratchUrl : Environment.current().get("SCHEMATA_SCRATCH_URL").orElse(null);
        if (scratch != null) {
            redactor = redactor.with(new TargetSettings(Environment.current(), this::warn).scratch(scratch).password());
            builder.scratchUrl(scratch);
        } else if (scratchTarget != null && scratchTarget.isEmbedded()) {
            builder.scratchUrl(scratchTarget.settings().withDatabase("postgres").urlWithPassword());
        }
        return builder;
    }

    /**
     * {@code classpath:} locations mean the module's own resources as built ({@code target/classes}), not the
     * plugin's class path.
     */
    private ClassLoader projectClasses() {
        try {
            URL classes = new File(project.getBuild().getOutputDirectory()).toURI().toURL();
            return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    final Path schemaFile() {
        if (schemaFile != null) {
            return schemaFile.toPath();
        }
        if (environment().schemaFile() != null) {
            return environment().schemaFile();
        }
        return project.getBasedir().toPath().resolve("src/main/resources/db/init.sql");
    }

    /** Opens the target: the configured database, else the embedded one (closed after the goal). */
    final DatabaseTarget openTarget() {
        return configuredTarget().map(DatabaseTarget::configured).orElseGet(this::openEmbedded);
    }

    /** The embedded database, started for the goal and stopped after it unless it was running. */
    final DatabaseTarget openEmbedded() {
        DatabaseTarget target = DatabaseTarget.embedded(embeddedDirectory.toPath(), pgBin == null ? null : pgBin.toPath(),
                pgVersion, keepEmbeddedRunning, this::info);
        redactor = redactor.with(target.settings().password());
        return target;
    }

    /** The configured database, if any; empty means the embedded one. */
    final Optional<ConnectionSettings> configuredTarget() {
        Optional<ConnectionSettings> found = new TargetSettings(Environment.current(), this::warn)
                .resolve(url, environment(), user, password, server());
        found.ifPresent(s -> redactor = redactor.with(s.password()));
        return found;
    }

    private Optional<ServerCredentials> server() {
        if (serverId == null || serverId.isBlank()) {
            return Optional.empty();
        }
        Optional<ServerCredentials> credentials = ServerCredentials.find(session.getSettings(), settingsDecrypter, serverId);
        credentials.ifPresent(c -> redactor = redactor.with(c.password()));
        return credentials;
    }

    private EnvironmentConfig environmentConfig;

    /** The selected {@code schemata.toml} environment (or its top-level settings), read once. */
    final EnvironmentConfig environment() {
        if (environmentConfig == null) {
            Path basedir = project.getBasedir().toPath();
            Optional<Path> file = configFile != null ? Optional.of(configFile.toPath()) : findConfig(basedir);
            if (file.isEmpty()) {
                if (env != null) {
                    throw new SchemataException(ErrorCode.BAD_CONFIG, "<env>" + env + "</env> is set, but there is no "
                            + ProjectConfig.FILE_NAME + " in " + basedir + " or its parent modules (set <configFile> to name one)");
                }
                environmentConfig = EnvironmentConfig.none(basedir);
            } else {
                projectConfig = ProjectConfig.load(file.get());
                projectConfig.validate().forEach(this::warn);
                environmentConfig = projectConfig.select(env, Environment.current());
            }
        }
        return environmentConfig;
    }

    private ProjectConfig projectConfig;

    /** {@code [models] ignore} of {@code schemata.toml} for the selected environment; empty without a file. */
    final List<String> modelsIgnore() {
        EnvironmentConfig selected = environment();
        return projectConfig == null ? List.of() : projectConfig.modelsIgnore(selected.name());
    }

    /** schemata.toml in the module's directory, else in a parent up to the top of the multi-module build. */
    private Optional<Path> findConfig(Path basedir) {
        File top = session.getRequest().getMultiModuleProjectDirectory();
        Path stop = top == null ? basedir : top.toPath().toAbsolutePath().normalize();
        for (Path dir = basedir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Optional<Path> found = ProjectConfig.find(dir);
            if (found.isPresent() || dir.equals(stop) || !dir.startsWith(stop)) {
                return found;
            }
        }
        return Optional.empty();
    }

    final List<String> migrationLocations() {
        if (locations != null && !locations.isEmpty()) {
            return locations.stream().map(this::absoluteLocation).toList();
        }
        if (environment().migrations() != null) {
            return List.of(environment().migrations().toString());
        }
        return List.of(defaultLocation().toString());
    }

    /** A directory relative to the module, as Maven users expect; classpath: locations as given. */
    private String absoluteLocation(String location) {
        if (location.startsWith("classpath:")) {
            return location;
        }
        String path = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
        return project.getBasedir().toPath().resolve(path).normalize().toString();
    }

    final void info(String message) {
        getLog().info(redact(message));
    }

    final void warn(String message) {
        getLog().warn(redact(message));
    }

    final void error(String message) {
        getLog().error(redact(message));
    }

    final String redact(String text) {
        return redactor.redact(text);
    }
}
