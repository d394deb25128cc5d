package dev.schemata.cli;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.ClientLocator;
import dev.schemata.concurrent.Background;
import dev.schemata.config.EnvironmentConfig;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.devdb.BinaryLocator;
import dev.schemata.devdb.BinarySpec;
import dev.schemata.devdb.DevDatabase;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.devdb.ServerUser;
import dev.schemata.history.HistoryRow;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/** What every subcommand shares: the context, the global options, output, and finding the target database. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    SchemataCommand root() {
        return (SchemataCommand) spec.root().userObject();
    }

    CliContext context() {
        return root().context();
    }

    GlobalOptions options() {
        return root().options();
    }

    Output output() {
        return root().output();
    }

    /** The selected environment of schemata.toml (with no file or no selection: top-level settings only). */
    EnvironmentConfig environment() {
        return root().project().environment();
    }

    /** {@code --history-table} of a command that has no migrations options, else the environment's, else the default. */
    HistoryTable historyTable(String option) {
        if (option != null) {
            return HistoryTable.parse(option);
        }
        return environment().historyTable() != null ? environment().historyTable() : HistoryTable.DEFAULT;
    }

    /** The client programs (pg_dump, pg_restore, psql): next to {@code --pg-dump} when given, else found as usual. */
    ClientLocator clientLocator(Path pgDump) {
        return new ClientLocator(context().env(), pgDump == null ? null : context().resolve(pgDump));
    }

    /**
     * The configured target database; empty when none is configured (commands then use the dev database).
     * Order: --url, the selected environment's url, then SCHEMATA_URL, DATABASE_URL, PG* variables.
     */
    Optional<ConnectionSettings> configuredTarget() {
        ConnectionResolver resolver = new ConnectionResolver(context().env(), output()::warn);
        String envUrl = options().url == null ? environment().url() : null;
        Optional<ConnectionSettings> target = envUrl != null
                ? Optional.of(resolver.fromUrl(envUrl, environment().label() + " of " + environment().file().getFileName()))
                : resolver.resolve(options().url);
        target.ifPresent(t -> output().addSecret(t.password()));
        return target;
    }

    /** The migrations, the target database, and the rows of its history table. */
    record FilesAndHistory(MigrationSet set, ConnectionSettings target, List<HistoryRow> rows) {
    }

    /**
     * Reads the migrations in {@code dir} on a thread of their own while this one connects to the target
     * and reads its history: a connection and ten thousand rows overlap with as many files. A problem in
     * the files is thrown before a failure of the database side, as if the files had been read first.
     */
    FilesAndHistory filesAndHistory(Path dir, HistoryTable table) {
        Background<MigrationSet> scan = Background.start("schemata-scan", () -> MigrationSet.scan(dir));
        ConnectionSettings target;
        List<HistoryRow> rows;
        try {
            // The dev database is started only for files that are fine, as when they were read first.
            target = configuredTarget().orElseGet(() -> {
                scan.joinUnchecked();
                return devTarget();
            });
            rows = new Inspector(ConnectionFactory.of(target), table).history();
        } catch (RuntimeException | Error e) {
            scan.joinUnchecked();
            throw e;
        }
        return new FilesAndHistory(scan.joinUnchecked(), target, rows);
    }

    /** The target database, starting the dev database when nothing is configured. */
    ConnectionSettings target() {
        return configuredTarget().orElseGet(this::devTarget);
    }

    /** The dev database, started when it is not running; its password is masked in all output from then on. */
    ConnectionSettings devTarget() {
        ConnectionSettings dev = devDatabase().ensureRunning(output()::notice);
        output().addSecret(dev.password());
        return dev;
    }

    /**
     * The target of a command that must not fall back to the dev database by itself: the configured one,
     * else the dev database when {@code --dev} asks for it, else an error (exit 2).
     */
    ConnectionSettings target(DevOption devOption) {
        if (devOption.dev) {
            if (options().url != null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, "--url and --dev exclude each other: give one");
            }
            return devDatabase().ensureRunning(output()::notice);
        }
        return configuredTarget().orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE, spec.qualifiedName()
                + " needs a database and none is configured (--url, an environment's url in schemata.toml, SCHEMATA_URL,"
                + " DATABASE_URL or PG* variables). It does not fall back to the dev database: pass --dev for that."));
    }

    /** The SQL a dry run would send, one line each, or as JSON with the masked target; exit code 0. */
    int printDryRun(ConnectionSettings target, List<String> sql) {
        if (output().json()) {
            output().json(Map.of("database", target.maskedUrl(), "dryRun", true, "sql", sql));
        } else {
            sql.forEach(context().out()::println);
            context().out().flush();
        }
        return 0;
    }

    DevDatabase devDatabase() {
        Path root = context().env().get("SCHEMATA_DEV_DIR").map(Path::of).map(context()::resolve)
                .orElse(context().workDir().resolve(".schemata").resolve("dev"));
        return new DevDatabase(root, binaryLocator(), binarySpec(), ServerUser.detect(context().env()))
                .describedAs("dev database", "`schemata dev stop` stops it");
    }

    BinaryLocator binaryLocator() {
        return new BinaryLocator(context().env(), BuildInfo.load(), output()::notice);
    }

    BinarySpec binarySpec() {
        return BinarySpec.of(context().env(), options().pgBin == null ? null : context().resolve(options().pgBin),
                options().pgVersion);
    }

    /**
     * Where schemas are built on throwaway databases: the server named by {@code SCHEMATA_SCRATCH_URL} when it is
     * set (a superuser URL of any database on a server of the target's major version, as CI may provide), else
     * the dev cluster when it has the target's major version, else a scratch cluster under
     * {@code .schemata/scratch-<major>/}.
     */
    IntFunction<ScratchServer> scratchServers(ScratchSuperuserOption superuser) {
        boolean allowed = superuser.enabled(context().env());
        return major -> {
            var url = context().env().get("SCHEMATA_SCRATCH_URL");
            if (url.isPresent()) {
                return ScratchServer.on(scratchSettings(url.get()), allowed);
            }
            return ScratchServer.forMajor(major, devDatabase(), context().workDir(), binaryLocator(),
                    ServerUser.detect(context().env()), allowed, output()::notice);
        };
    }

    ConnectionSettings scratchSettings(String url) {
        ConnectionSettings settings = new ConnectionResolver(context().env(), output()::warn).fromUrl(url, "SCHEMATA_SCRATCH_URL");
        output().addSecret(settings.password());
        return settings;
    }
}
