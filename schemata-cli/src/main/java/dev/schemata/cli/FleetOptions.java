package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.config.FleetConfig;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.fleet.FleetReport;
import dev.schemata.fleet.FleetRunner;
import dev.schemata.fleet.HtmlReport;
import dev.schemata.fleet.Shard;
import dev.schemata.fleet.Target;
import dev.schemata.fleet.TargetList;
import dev.schemata.fleet.TargetResult;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The options that turn a command into a fleet command, and running it: the targets come from
 * {@code --targets FILE}, {@code --targets-query SQL} (on the configured database) or the selected
 * environment's {@code [environments.NAME.fleet]}; the command's own work runs once per target of this shard,
 * and one report comes out (table, {@code --json}, {@code --report FILE.html}), exit 1 when any target failed.
 */
final class FleetOptions {
    @Option(names = "--targets", paramLabel = "FILE", description = "Run on every target of a fleet: a file of URLs and/or"
            + " schema names, one a line, or a .toml/.json list with names and labels. See docs/fleet.md.")
    Path targets;

    @Option(names = "--targets-query", paramLabel = "SQL", description = "Run on the targets this query returns on the"
            + " configured database (columns url and/or schema, optional name; other columns become labels).")
    String targetsQuery;

    @Option(names = "--parallel", paramLabel = "N", description = "Fleet: targets at a time per server (default: a quarter"
            + " of the server's free connections, at most 16).")
    Integer parallel;

    @Option(names = "--canary", paramLabel = "K", defaultValue = "0", description = "Fleet: run the first K targets first;"
            + " if any fails, skip the rest.")
    int canary;

    @Option(names = "--on-error", paramLabel = "stop|continue", defaultValue = "stop", description = "Fleet: after a target"
            + " fails, start no other (stop, the default) or finish the others (continue).")
    String onError;

    @Option(names = "--shard", paramLabel = "i/n", description = "Fleet: run only the i-th of n disjoint, stable slices of"
            + " the targets (1 <= i <= n), for n workers that split a fleet without coordinating.")
    String shard;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Fleet: also write the report as a self-contained HTML page.")
    Path report;

    /** Whether the command runs over a fleet: a target list is given, or the environment defines one. */
    boolean active(BaseCommand command) {
        boolean fleetOnly = parallel != null || canary != 0 || !"stop".equals(onError) || shard != null || report != null;
        boolean active = targets != null || targetsQuery != null || configured(command).isPresent();
        if (fleetOnly && !active) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--parallel, --canary, --on-error, --shard and --report work on a"
                    + " fleet: give --targets FILE or --targets-query SQL, or select an environment with a [environments.NAME.fleet] table");
        }
        return active;
    }

    /** Runs {@code work} on every target of this shard and reports; the exit code is 1 when any target failed. */
    int run(BaseCommand command, String name, Function<Target, TargetResult> work) {
        return run(command, name, command.output().json() ? "json" : "human", work);
    }

    /** As {@link #run(BaseCommand, String, Function)}, for a command with {@code --format}: human or json. */
    int run(BaseCommand command, String name, String format, Function<Target, TargetResult> work) {
        // Every option is checked before the first connection.
        if (!format.equals("human") && !format.equals("json")) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--format " + format + " reports on one database; over a fleet"
                    + " the report is the table, --json, or --report FILE.html");
        }
        boolean stopOnError = switch (onError) {
            case "stop" -> true;
            case "continue" -> false;
            default -> throw new SchemataException(ErrorCode.BAD_USAGE, "--on-error " + onError + ": expected stop or continue");
        };
        Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
        if (targets != null && targetsQuery != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--targets and --targets-query exclude each other: give one");
        }
        Optional<FleetConfig> config = targets == null && targetsQuery == null ? configured(command) : Optional.empty();
        Integer perServer = parallel != null ? parallel : config.map(FleetConfig::parallel).orElse(null);
        FleetRunner.Settings settings = new FleetRunner.Settings(perServer == null ? 0 : perServer, canary, stopOnError);
        Output out = command.output();
        ConnectionResolver resolver = new ConnectionResolver(command.context().env(), out::warn);
        Optional<ConnectionSettings> base = command.configuredTarget();
        TargetList list = new TargetList((url, where) -> {
            ConnectionSettings s = resolver.fromUrl(url, where);
            out.addSecret(s.password());
            return s;
        }, base.orElse(null));
        List<Target> fleet;
        Path file = targets != null ? command.context().resolve(targets) : config.map(FleetConfig::targets).orElse(null);
        String query = targetsQuery != null ? targetsQuery : config.map(FleetConfig::targetsQuery).orElse(null);
        if (file != null) {
            fleet = list.read(file);
        } else {
            ConnectionSettings control = base.orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE,
                    "--targets-query runs on the configured database and none is configured (--url, an environment's url,"
                            + " SCHEMATA_URL, DATABASE_URL or PG* variables)"));
            fleet = list.query(ConnectionFactory.of(control), query);
        }
        List<Target> mine = slice.select(fleet);
        FleetReport result = new FleetRunner(settings, out::notice).run(name, mine, fleet.size(), slice, work);
        print(out, result, format.equals("json"));
        if (report != null) {
            Path html = command.context().resolve(report);
            try {
                Files.writeString(html, HtmlReport.render(result, Instant.now()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write the report " + html + ": " + e.getMessage(), e);
            }
            out.notice("report written to " + html);
        }
        return result.failed() ? ErrorCode.OPERATION_FAILED.exitCode() : 0;
    }

    /**
     * For drift and plan, which compare a target with a reference built on a throwaway database: one target at a
     * time, all sharing {@code loader}'s scratch server. A database target gets {@code loader}; a tenant schema a
     * loader that reads only its schema and builds the reference there as migrate builds the tenant (its
     * search_path, history table and placeholders).
     */
    int runCompared(BaseCommand command, String name, String format, SchemaLoader loader,
                    BiFunction<Target, SchemaLoader, TargetResult> work) {
        return run(command, name, format, t -> {
            synchronized (loader) {
                return work.apply(t, t.schema() == null ? loader
                        : loader.forTenant(t.schema(), t::connectionsLike, t.placeholders(Map.of())));
            }
        });
    }

    private Optional<FleetConfig> configured(BaseCommand command) {
        String env = command.environment().name();
        return command.root().project().config().flatMap(c -> c.fleet(env, command.context().env()));
    }

    /** The table, failures first, then the summary line; or the JSON document. */
    private static void print(Output out, FleetReport result, boolean json) {
        if (json) {
            out.json(result.json());
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TARGET", "STATUS", "BEFORE", "AFTER", "TIME", "DETAIL"});
        for (TargetResult r : result.failuresFirst()) {
            String detail = r.error() != null ? r.error().lines().findFirst().orElse("")
                    : !r.problems().isEmpty() ? r.summary() + ": " + r.problems().get(0) : r.summary();
            rows.add(new String[]{r.target().name(), r.status().label(), r.before() == null ? "" : r.before(),
                    r.after() == null ? "" : r.after(), r.durationMs() + " ms", detail});
        }
        Tables.print(out, rows);
        out.result(result.summary());
    }
}
