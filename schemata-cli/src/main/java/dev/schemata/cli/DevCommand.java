package dev.schemata.cli;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.devdb.DevDatabase;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schemata dev start|stop|status|url|destroy}: the project's local dev database. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Manage the project's dev database: a local PostgreSQL under .schemata/dev that commands "
                + "use when no database is configured.",
        subcommands = {DevCommand.Start.class, DevCommand.Stop.class, DevCommand.Status.class, DevCommand.Url.class,
                DevCommand.Destroy.class})
final class DevCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(((SchemataCommand) spec.root().userObject()).context().err());
    }

    static Map<String, Object> describe(DevDatabase.Status s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("directory", s.directory().toString());
        json.put("dataDirectory", s.dataDirectory().toString());
        json.put("initialized", s.initialized());
        json.put("running", s.running());
        json.put("pid", s.pid());
        json.put("port", s.port());
        json.put("majorVersion", s.major());
        json.put("binaries", s.binaries());
        json.put("url", s.settings() == null ? null : s.settings().maskedUrl());
        return json;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Create (if needed) and start the dev database.")
    static final class Start extends BaseCommand {
        @Override
        public Integer call() {
            DevDatabase dev = devDatabase();
            ConnectionSettings settings = dev.ensureRunning(output()::notice);
            if (output().json()) {
                output().json(describe(dev.status()));
            } else {
                output().result(settings.maskedUrl());
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the dev database (only this project's).")
    static final class Stop extends BaseCommand {
        @Override
        public Integer call() {
            DevDatabase dev = devDatabase();
            boolean stopped = dev.stop();
            if (output().json()) {
                output().json(Map.of("stopped", stopped, "directory", dev.root().toString()));
            } else {
                output().notice(stopped ? "stopped the dev database (" + dev.root() + ")" : "the dev database is not running");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the dev database exists and runs.")
    static final class Status extends BaseCommand {
        @Override
        public Integer call() {
            DevDatabase.Status s = devDatabase().status();
            if (output().json()) {
                output().json(describe(s));
            } else if (!s.initialized()) {
                output().result("no dev database in " + s.directory() + " (created on first use, or by `schemata dev start`)");
            } else if (s.running()) {
                output().result("running: PostgreSQL " + s.major() + ", pid " + s.pid() + ", " + s.settings().maskedUrl()
                        + " (data in " + s.dataDirectory() + ")");
            } else {
                output().result("stopped: PostgreSQL " + s.major() + " (data in " + s.dataDirectory() + ")");
            }
            return 0;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "Print the dev database's URL with its password (starting it if needed), for psql \"$(schemata dev url)\".")
    static final class Url extends BaseCommand {
        @picocli.CommandLine.Option(names = "--database", paramLabel = "NAME",
                description = "A database of the dev cluster other than \"" + DevDatabase.DATABASE + "\" (e.g. demo).")
        String database;

        @Override
        public Integer call() {
            ConnectionSettings settings = devDatabase().ensureRunning(output()::notice);
            if (database != null) {
                settings = settings.withDatabase(database);
            }
            // The one output that carries the password: it is what this command is for.
            output().resultWithSecret(settings.urlWithPassword(),
                    Map.of("url", settings.urlWithPassword(), "jdbcUrl", settings.jdbcUrl(), "user", settings.user()));
            return 0;
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Stop the dev database and delete its data.")
    static final class Destroy extends BaseCommand {
        @Override
        public Integer call() {
            DevDatabase dev = devDatabase();
            boolean existed = dev.destroy();
            if (output().json()) {
                output().json(Map.of("destroyed", existed, "directory", dev.root().toString()));
            } else {
                output().notice(existed ? "deleted the dev database in " + dev.root() : "no dev database in " + dev.root());
            }
            return 0;
        }
    }
}
