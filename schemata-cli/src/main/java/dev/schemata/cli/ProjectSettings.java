package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.config.EnvironmentConfig;
import dev.schemata.config.ProjectConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The project configuration a command runs with: {@code --config FILE}, else {@code ./schemata.toml} when
 * present, and the environment chosen by {@code --env}, {@code SCHEMATA_ENV} or the file's
 * {@code default_environment}. Read once per command; its warnings are printed when it is read.
 *
 * @param config      the file, if there is one
 * @param environment the selected environment (top-level settings only when none is selected)
 */
record ProjectSettings(Optional<ProjectConfig> config, EnvironmentConfig environment) {

    static ProjectSettings load(CliContext context, GlobalOptions options, Output output) {
        notEmpty(options.env, "--env");
        notEmpty(options.config == null ? null : options.config.toString(), "--config");
        if (options.env == null) {
            notEmpty(context.env().variables().get("SCHEMATA_ENV"), "SCHEMATA_ENV");
        }
        Optional<Path> file = options.config != null ? Optional.of(context.resolve(options.config))
                : ProjectConfig.find(context.workDir());
        if (file.isEmpty()) {
            String wanted = options.env != null ? options.env : context.env().get("SCHEMATA_ENV").orElse(null);
            if (wanted != null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, (options.env != null ? "--env " : "SCHEMATA_ENV=") + wanted
                        + " selects an environment, but there is no " + ProjectConfig.FILE_NAME + " in " + context.workDir()
                        + " (pass --config FILE)");
            }
            return new ProjectSettings(Optional.empty(), EnvironmentConfig.none(context.workDir()));
        }
        ProjectConfig config = ProjectConfig.load(file.get());
        config.validate().forEach(output::warn);
        EnvironmentConfig environment = config.select(options.env, context.env());
        if (environment.url() != null) {
            dev.schemata.connect.ConnectionUrl url = dev.schemata.connect.ConnectionUrl.parse(environment.url(),
                    environment.label() + " of " + file.get().getFileName());
            output.addSecret(url.password());
        }
        return new ProjectSettings(Optional.of(config), environment);
    }

    /** A setting given but empty is an error: in a CI job it is an unset variable, not a wish for the default. */
    private static void notEmpty(String value, String setting) {
        if (value != null && value.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, setting + " is set but empty (an unset variable?): give a"
                    + " value, or leave " + setting + " out for the default");
        }
    }
}
