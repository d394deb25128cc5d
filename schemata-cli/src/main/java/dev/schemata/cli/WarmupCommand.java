package dev.schemata.cli;

import dev.schemata.BuildInfo;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import dev.schemata.json.Json;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.migrate.Inspector;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the classes commands need, so that the launcher can record them once in a class-data sharing
 * archive; later starts then skip most class loading. Every class of Schemata and of the driver is loaded
 * (connecting needs a server, which a build does not have), and the work every migrate run does is done
 * once on a throwaway directory, which also loads the JDK classes behind it. Hidden: not a user command.
 */
@Command(name = "internal-warmup", hidden = true)
final class WarmupCommand extends BaseCommand {
    /** Packages whose classes are all loaded; the driver's message translations are left out. */
    private static final List<String> PACKAGES = List.of("dev/schemata/", "org/postgresql/");
    private static final String SKIPPED = "org/postgresql/translation/";

    @Override
    public Integer call() throws Exception {
        loadAll();
        BuildInfo.load();
        new ConnectionResolver(context().env(), line -> { }).fromUrl("postgresql://warmup@localhost/warmup", "warmup");
        migrationWork();
        connectionWork();
        Json.parse(Json.pretty(Map.of("warm", true, "list", List.of(1, "two"))));
        spec.root().commandLine().getUsageMessage();
        return 0;
    }

    /** Loads (without initializing) every class of the packages above that the jar holds. */
    private void loadAll() throws IOException {
        Path jar;
        try {
            jar = Path.of(WarmupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return;
        }
        ClassLoader loader = WarmupCommand.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith(SKIPPED) || name.contains("-")
                        || PACKAGES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class for an optional library that is not bundled (the driver's OSGi and SSPI support).
                }
            }
        }
    }

    /**
     * Connects to a stand-in server and reads the history as status does: the driver's start-up, SCRAM and
     * the query protocol. Anything that goes wrong only means fewer classes recorded.
     */
    private void connectionWork() {
        try (WarmupServer server = WarmupServer.start()) {
            ConnectionSettings settings = new ConnectionResolver(context().env(), line -> { }).fromUrl("postgresql://"
                    + WarmupServer.USER + ":" + WarmupServer.PASSWORD + "@127.0.0.1:" + server.port()
                    + "/warmup?connect_timeout=5", "warmup");
            new Inspector(ConnectionFactory.of(settings), HistoryTable.DEFAULT).history();
        } catch (IOException | RuntimeException e) {
            // No loopback, or the stand-in and the driver disagree: the archive is a little smaller.
        }
    }

    /** Scans, checksums, splits and lints a small migrations directory, as a migrate run does. */
    private static void migrationWork() throws IOException {
        Path dir = Files.createTempDirectory("schemata-warmup");
        try {
            Files.writeString(dir.resolve("001_create.up.sql"), "-- a table\nCREATE TABLE t (id bigint PRIMARY KEY, name text);\n"
                    + "CREATE INDEX t_name_idx ON t (name);\nCOPY t FROM stdin;\n1\tone\n\\.\n");
            Files.writeString(dir.resolve("002_alter.up.sql"), "BEGIN;\nALTER TABLE t ADD COLUMN n int NOT NULL DEFAULT 0;\n"
                    + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nCOMMIT;\n");
            Files.writeString(dir.resolve("002_alter.down.sql"), "ALTER TABLE t DROP COLUMN n;\n");
            MigrationSet set = MigrationSet.scan(dir);
            List<LintSource> sources = new ArrayList<>();
            for (Migration m : set.versioned()) {
                sources.add(LintSource.of(m));
            }
            Linter.lint(sources, Optional.empty(), LintOptions.defaults());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
