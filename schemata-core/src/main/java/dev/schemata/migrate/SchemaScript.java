package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.Checksum;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationFile;
import dev.schemata.migration.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a whole schema file ({@code init.sql}) into a database through the execution engine, read as a
 * migration is: in one transaction when it can, else statement by statement. {@link #run} writes no
 * history; {@link #build} records the file as a declarative apply, in the file's transaction, so that what
 * the database was built from stays visible ({@code status --history}, {@code drift}).
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
        History history = new History(table);
        return run(connections, file, (c, started) -> sent -> {
            history.ensureInTransaction(c, notices);
            return List.of(history.insertLiteral(new History.NewRow(null, file.getFileName().toString(),
                    "built from schema file", HistoryKind.DECLARATIVE, Checksum.of(file),
                    (System.nanoTime() - started) / 1_000_000, true, sent, null)));
        });
    }

    /** @return the number of statements run */
    public static int run(ConnectionFactory connections, Path file) {
        return run(connections, file, (c, started) -> Executor.NOTHING);
    }

    /** What records a run on its connection, given when it started. */
    private interface Recording {
        Executor.Record on(Connection c, long started);
    }

    private static int run(ConnectionFactory connections, Path file, Recording recording) {
        if (!Files.isRegularFile(file)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "schema file " + file + " does not exist");
        }
        long started = System.nanoTime();
        Migration source = new Migration(Version.parse("0"), "schema file", Migration.Kind.VERSIONED,
                Migration.Layout.NUMBERED, MigrationFile.of(file), file.getFileName().toString(), Checksum.of(file), 0, 0, Optional.empty());
        try (Connection c = connections.open()) {
            ScriptPlan plan = ScriptRunner.plan(source, c.getMetaData().getDatabaseMajorVersion(), Map.of());
            Unit unit = ScriptRunner.unit(plan, Map.of());
            Executor executor = new Executor(c);
            Executor.Record record = recording.on(c, started);
            try {
                if (plan.transactional()) {
                    return executor.inTransaction(unit, record);
                }
                int sent = executor.outside(unit, 0, Executor.SILENT);
                executor.inTransaction(Unit.empty(unit.name()), ignored -> record.sql(sent));
                return sent;
            } catch (UnitFailed e) {
                throw new SchemataException(e.code(), e.getMessage(), e.sqlException());
            }
        } catch (SQLException e) {
            throw Inspector.failure("running " + file, e);
        }
    }
}
