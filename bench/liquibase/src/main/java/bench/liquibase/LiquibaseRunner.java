package bench.liquibase;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSetStatus;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.ValidateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.exception.CommandExecutionException;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.ConsoleUIService;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one Liquibase command through the Java API, the way an application or a wrapper script would, so the
 * benchmark can time Liquibase as a whole process next to the {@code schemata} command line.
 *
 * <pre>java -jar liquibase-runner.jar update|status|validate JDBC_URL USER PASSWORD CHANGELOG_DIR
 * java -jar liquibase-runner.jar version</pre>
 *
 * {@code CHANGELOG_DIR} holds {@code changelog.xml} and the SQL files its changesets name; it is the root of
 * the paths Liquibase resolves and records. {@code update} and {@code validate} go through
 * {@link CommandScope}, as Liquibase's own command line does. {@code status} prints one line per changeset
 * with its state, like Schemata's {@code status} and the Flyway runner's {@code info} (Liquibase's
 * {@code status} command lists only the changesets still to run; both read the whole changelog and the
 * whole {@code databasechangelog} table). {@code validate} exits 1 with Liquibase's messages when
 * validation fails.
 *
 * <p>The output is set up like the Liquibase command line's defaults: messages for the user on the console,
 * Liquibase's log at warnings only. Liquibase's anonymous usage analytics are switched off: a network
 * call during a timed run would measure the network.
 */
public final class LiquibaseRunner {
    private static final String CHANGELOG = "changelog.xml";
    /** Held here so the level set on it stays: java.util.logging keeps loggers only weakly. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    private LiquibaseRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println(version());
            return;
        }
        if (args.length != 5) {
            System.err.println("usage: liquibase-runner update|status|validate JDBC_URL USER PASSWORD CHANGELOG_DIR | version");
            System.exit(2);
        }
        System.setProperty("liquibase.analytics.enabled", "false");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
        ResourceAccessor files = new DirectoryResourceAccessor(Path.of(args[4]));
        Map<String, Object> scope = Map.of(Scope.Attr.ui.name(), new ConsoleUIService(), Scope.Attr.resourceAccessor.name(), files);
        int status = Scope.child(scope, () -> {
            try (Database database = DatabaseFactory.getInstance().openDatabase(args[1], args[2], args[3], null, files)) {
                return run(args[0], database, files);
            }
        });
        System.exit(status);
    }

    private static int run(String command, Database database, ResourceAccessor files) throws Exception {
        PrintStream out = System.out;
        switch (command) {
            case "update" -> {
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .execute();
                out.println("updated");
            }
            case "status" -> {
                List<ChangeSetStatus> all = new Liquibase(CHANGELOG, files, database)
                        .getChangeSetStatuses(new Contexts(), new LabelExpression());
                StringBuilder table = new StringBuilder();
                int pending = 0;
                for (ChangeSetStatus s : all) {
                    ChangeSet c = s.getChangeSet();
                    pending += s.getWillRun() ? 1 : 0;
                    table.append(c.getFilePath()).append('\t').append(c.getId()).append('\t').append(c.getAuthor()).append('\t')
                            .append(s.getWillRun() ? "pending" : "applied").append('\t').append(s.getDateLastExecuted()).append('\n');
                }
                out.print(table);
                out.println(all.size() + " changesets, " + pending + " not yet run");
            }
            case "validate" -> {
                // Throws with Liquibase's messages (checksums changed, changelog errors) when validation fails.
                try {
                    new CommandScope(ValidateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute();
                } catch (CommandExecutionException e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
                out.println("validated");
            }
            default -> {
                System.err.println("unknown command " + command);
                return 2;
            }
        }
        return 0;
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = LiquibaseRunner.class.getResourceAsStream("/liquibase-runner.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
        return p.getProperty("liquibase.version", "unknown");
    }
}
