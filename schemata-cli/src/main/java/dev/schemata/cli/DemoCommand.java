package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** {@code schemata demo}: the quick start — dev database, example project, status. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the dev database, apply the bundled example project (examples/news-analytics) to its "
                + "database \"demo\", and show the status.")
final class DemoCommand extends BaseCommand {
    static final String DATABASE = "demo";

    @Override
    public Integer call() {
        Path migrations = exampleDir().resolve("migrations");
        MigrationSet set = MigrationSet.scan(migrations);
        Optional<ConnectionSettings> configured = configuredTarget();
        ConnectionSettings target = configured.orElseGet(() -> demoDatabase(devDatabase().ensureRunning(output()::notice)));
        output().notice("applying " + set.versioned().size() + " migrations from " + migrations + " to " + target.maskedUrl());
        new Migrator(ConnectionFactory.of(target), HistoryTable.DEFAULT, output()::notice).migrate(set, MigrateOptions.defaults());
        StatusReport report = new Inspector(ConnectionFactory.of(target), HistoryTable.DEFAULT).status(set);
        if (output().json()) {
            output().json(StatusCommand.json(target, report));
        } else {
            StatusCommand.printReport(output(), target, report);
            output().notice("next: " + (configured.isPresent() ? "psql \"" + target.maskedUrl() + "\""
                    : "psql \"$(bin/schemata dev url --database " + DATABASE + ")\"") + ", or `schemata dev stop` when done");
        }
        return 0;
    }

    /** The example project: beside the launcher ({@code SCHEMATA_HOME}), else beside the jar. */
    private Path exampleDir() {
        Optional<Path> home = context().env().get("SCHEMATA_HOME").map(Path::of);
        if (home.isEmpty()) {
            try {
                Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // schemata-cli/target/schemata-all.jar -> repository root
                home = Optional.ofNullable(jar.getParent()).map(Path::getParent).map(Path::getParent);
            } catch (URISyntaxException | SecurityException e) {
                home = Optional.empty();
            }
        }
        Path dir = home.map(h -> h.resolve("examples/news-analytics")).orElse(null);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "cannot find the example project examples/news-analytics; "
                    + "run the demo through bin/schemata, or set SCHEMATA_HOME to the Schemata checkout");
        }
        return dir;
    }

    private static ConnectionSettings demoDatabase(ConnectionSettings dev) {
        try (Connection c = Database.connect(dev)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE DATABASE " + DATABASE);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot create the demo database: " + e.getMessage(), e);
        }
        return dev.withDatabase(DATABASE).withSource("the dev database");
    }
}
