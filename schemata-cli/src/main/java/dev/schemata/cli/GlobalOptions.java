package dev.schemata.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command accepts, before or after the command name. */
public final class GlobalOptions {
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Target database: postgresql://user@host:port/db or jdbc:postgresql://… "
                    + "(default: the selected environment's url, SCHEMATA_URL, DATABASE_URL, PG* variables, else the dev database, "
                    + "except for backup, restore, reset, rollback --restore and monitor, which need --dev for it). "
                    + "A password written here is visible to every local user in `ps`: leave it out and use PGPASSWORD, "
                    + "~/.pgpass or an environment of schemata.toml.")
    String url;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Project configuration file (default: ./schemata.toml when present).")
    Path config;

    @Option(names = "--env", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Environment of the configuration file to use (also: SCHEMATA_ENV).")
    String env;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only results and errors.")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean debug;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colors (also: NO_COLOR).")
    boolean noColor;

    @Option(names = "--pg-bin", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "PostgreSQL server binaries for the dev database (also: SCHEMATA_PG_BIN).")
    Path pgBin;

    @Option(names = "--pg-version", scope = ScopeType.INHERIT, paramLabel = "VERSION",
            description = "Use the Maven-published PostgreSQL binaries of this version, e.g. 17 or 17.11.0 "
                    + "(also: SCHEMATA_PG_VERSION).")
    String pgVersion;
}
