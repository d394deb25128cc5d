package dev.schemata.cli;

import dev.schemata.connect.ConnectionResolver;
import dev.schemata.json.Json;
import dev.schemata.sql.SqlScanner;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * Loads the classes a typical command needs, so that the launcher can record them once in a class-data
 * sharing archive; later starts then skip most class loading. Hidden: not a user command.
 */
@Command(name = "internal-warmup", hidden = true)
final class WarmupCommand extends BaseCommand {
    @Override
    public Integer call() throws Exception {
        new org.postgresql.Driver();
        new ConnectionResolver(context().env(), line -> { }).fromUrl("postgresql://warmup@localhost/warmup", "warmup");
        SqlScanner.split("CREATE TABLE t (id int); COPY t FROM stdin;\n1\n\\.\n", "warmup.sql");
        Json.parse(Json.pretty(Map.of("warm", true)));
        spec.root().commandLine().getUsageMessage();
        return 0;
    }
}
