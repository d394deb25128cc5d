package dev.schemata.execute;

import java.sql.SQLException;
import java.util.List;

/**
 * What runs as one: a transaction, or a run of statements each committed on its own (when PostgreSQL refuses
 * one of them inside a transaction block).
 *
 * @param name          what it is in messages ({@code 002_add.sql})
 * @param transactional whether it runs in one transaction
 * @param timeouts      timeouts set once for the whole unit (null fields: the server's)
 * @param commands      its statements, read as they are sent so that a big file is never held whole
 */
public record Unit(String name, boolean transactional, Timeouts timeouts, Commands commands) {

    /** The statements of a unit, handed to the engine one at a time in order. */
    @FunctionalInterface
    public interface Commands {
        void forEach(Sink sink) throws SQLException, UnitFailed;
    }

    /** Receives the statements of a unit. */
    @FunctionalInterface
    public interface Sink {
        void accept(Command command) throws SQLException, UnitFailed;
    }

    public static Unit of(String name, boolean transactional, Timeouts timeouts, List<Command> commands) {
        List<Command> copy = List.copyOf(commands);
        return new Unit(name, transactional, timeouts, sink -> {
            for (Command command : copy) {
                sink.accept(command);
            }
        });
    }

    /** A transaction with no statements of its own: for recording alone. */
    public static Unit empty(String name) {
        return of(name, true, Timeouts.SERVER, List.of());
    }
}
