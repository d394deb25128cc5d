package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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

    /** Runs every statement on the (throwaway) database in auto-commit mode. */
    public void applyTo(Connection c) {
        List<Statement> statements = statements();
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot use the scratch database: " + e.getMessage(), e);
        }
        for (Statement statement : statements) {
            try {
                Database.send(c, statement.sql(), statement.copyData());
            } catch (SQLException e) {
                throw new SchemataException(ErrorCode.BAD_INPUT, display + ":" + errorLine(statement, e) + ": "
                        + firstLine(e.getMessage()), e);
            }
        }
    }

    /** The line the server's error position points at, else the statement's first line. */
    private static int errorLine(Statement statement, Exception e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage server = p.getServerErrorMessage();
            if (server != null && server.getPosition() > 0 && server.getPosition() <= statement.sql().length()) {
                String before = statement.sql().substring(0, server.getPosition() - 1);
                return statement.line() + (int) before.chars().filter(ch -> ch == '\n').count();
            }
        }
        return statement.line();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
