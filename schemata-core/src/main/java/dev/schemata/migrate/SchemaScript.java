package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.Checksum;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationFile;
import dev.schemata.migration.Version;
import dev.schemata.sql.Statement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a whole schema file ({@code init.sql}) into a database with the migration runner's lexer and
 * transaction rules: in one transaction when it can, else statement by statement. {@link #run} writes no
 * history; {@link #build} records the file as a declarative apply, so that what the database was built
 * from stays visible ({@code status --history}, {@code drift}).
 */
public final class SchemaScript {
    private SchemaScript() {
    }

    /**
     * Runs the file into a new database and records it in {@code table} (created if needed) as a
     * {@code declarative} row with the file's checksum.
     *
     * @return the number of statements run
     */
    public static int build(ConnectionFactory connections, Path file, HistoryTable table, Consumer<String> notices) {
        long started = System.nanoTime();
        int statements = run(connections, file);
        History history = new History(table);
        try (Connection c = connections.open()) {
            history.ensure(c, notices);
            history.insert(c, new History.NewRow(null, file.getFileName().toString(), "built from schema file",
                    HistoryKind.DECLARATIVE, Checksum.of(file), (System.nanoTime() - started) / 1_000_000, true, statements, null));
            return statements;
        } catch (SQLException e) {
            throw Inspector.failure("recording " + file.getFileName() + " in " + table, e);
        }
    }

    /** @return the number of statements run */
    public static int run(ConnectionFactory connections, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "schema file " + file + " does not exist");
        }
        Migration source = new Migration(Version.parse("0"), "schema file", Migration.Kind.VERSIONED,
                Migration.Layout.NUMBERED, MigrationFile.of(file), file.getFileName().toString(), Checksum.of(file), 0, 0, Optional.empty());
        try (Connection c = connections.open()) {
            ScriptPlan plan = ScriptRunner.plan(source, c.getMetaData().getDatabaseMajorVersion(), Map.of());
            c.setAutoCommit(!plan.transactional());
            try {
                int n = ScriptRunner.run(c, plan, 0, Map.of(), new ScriptRunner.Listener() {
                    @Override
                    public void before(int index, Statement statement) {
                    }

                    @Override
                    public void after(int index, Statement statement) {
                    }
                });
                if (plan.transactional()) {
                    c.commit();
                }
                return n;
            } catch (ScriptRunner.StatementFailed e) {
                if (plan.transactional()) {
                    c.rollback();
                }
                throw new SchemataException(ErrorCode.MIGRATION_FAILED, ScriptRunner.describe(source, e.statement, e.cause), e.cause);
            }
        } catch (SQLException e) {
            throw Inspector.failure("running " + file, e);
        }
    }
}
