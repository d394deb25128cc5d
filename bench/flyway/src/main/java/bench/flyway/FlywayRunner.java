package bench.flyway;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;

/**
 * Runs one Flyway command through the Java API, the way an application or a wrapper script would, so the
 * benchmark can time Flyway as a whole process next to the {@code schemata} command line.
 *
 * <pre>java -jar flyway-runner.jar migrate|info|validate JDBC_URL USER PASSWORD MIGRATIONS_DIR [SCHEMA]
 * java -jar flyway-runner.jar version</pre>
 *
 * With {@code SCHEMA}, Flyway works on that schema only ({@code schemas}, its documented way for a schema per
 * tenant): it creates the schema, keeps its history table there and sets {@code search_path} to it.
 *
 * {@code info} prints one line per migration, as a user reading the status would get; {@code validate}
 * exits 1 with Flyway's messages when validation fails.
 */
public final class FlywayRunner {
    private FlywayRunner() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println(version());
            return;
        }
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: flyway-runner migrate|info|validate JDBC_URL USER PASSWORD MIGRATIONS_DIR [SCHEMA] | version");
            System.exit(2);
        }
        var config = Flyway.configure()
                .dataSource(args[1], args[2], args[3])
                .locations("filesystem:" + args[4]);
        if (args.length == 6) {
            config = config.schemas(args[5]);
        }
        Flyway flyway = config.load();
        PrintStream out = System.out;
        switch (args[0]) {
            case "migrate" -> {
                MigrateResult result = flyway.migrate();
                out.println("applied " + result.migrationsExecuted + " migrations; now at version " + result.targetSchemaVersion);
            }
            case "info" -> {
                MigrationInfo[] all = flyway.info().all();
                StringBuilder table = new StringBuilder();
                for (MigrationInfo m : all) {
                    table.append(m.getVersion()).append('\t').append(m.getDescription()).append('\t')
                            .append(m.getState().getDisplayName()).append('\t').append(m.getInstalledOn()).append('\n');
                }
                out.print(table);
                out.println(all.length + " migrations");
            }
            case "validate" -> {
                ValidateResult result = flyway.validateWithResult();
                if (!result.validationSuccessful) {
                    System.err.println(result.getAllErrorMessages());
                    System.exit(1);
                }
                out.println("validated");
            }
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = FlywayRunner.class.getResourceAsStream("/flyway-runner.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
        return p.getProperty("flyway.version", "unknown");
    }
}
