package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.execute.Command;
import dev.schemata.execute.Executor;
import dev.schemata.execute.Timeouts;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A schema file such as {@code init.sql}: the whole desired schema (and any seed data) as one script. It is
 * run whole only on a throwaway database, statement by statement as psql would send them, so that an error
 * can name the file and the line the server complained about; a target gets it through a plan
 * ({@link SeedData} says which of its statements).
 *
 * @param path    where the file is
 * @param display how to name it in messages (as the user gave it)
 */
public record SchemaFile(Path path, String display) {

    public static SchemaFile of(Path path) {
        return new SchemaFile(path, path.toString());
    }

    /** The file's text; a missing or unreadable file is bad input. */
    public String read() {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read the schema file " + display + ": "
                    + (Files.exists(path) ? e.getMessage() : "no such file") , e);
        }
    }

    public List<Statement> statements() {
        return SqlScanner.split(read(), display);
    }

    /**
     * Runs every statement on the (throwaway) database in auto-commit mode, through the execution engine; a
     * statement the server refuses is bad input, named by file and line.
     */
    public void applyTo(Connection c) {
        List<Command> commands = statements().stream()
                .map(st -> new Command(st.sql(), st.copyData(), display, st.line(), st, null)).toList();
        try {
            new Executor(c).outside(Unit.of(display, false, Timeouts.SERVER, commands), 0, Executor.SILENT);
        } catch (UnitFailed e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, e.getMessage(), e.sqlException());
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot use the scratch database: " + e.getMessage(), e);
        }
    }
}
