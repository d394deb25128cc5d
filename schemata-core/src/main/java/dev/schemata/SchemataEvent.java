package dev.schemata;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Schemata} reports while it works, to a listener given with
 * {@link Schemata.Builder#eventListener}: each operation starts, makes progress (the lines the CLI prints on
 * stderr), and finishes or fails. A listener may log them, time them, or show them; it must not throw.
 */
public sealed interface SchemataEvent {

    /** The operation the event belongs to. */
    Operation operation();

    /** The operations of the facade, one per method. */
    enum Operation {
        /** Reading the settings in {@link Schemata.Builder#load()} (warnings about ~/.pgpass, say). */
        LOAD,
        MIGRATE, DRY_RUN, STATUS, VALIDATE, BASELINE, REPAIR, ROLLBACK, VERIFY_ROLLBACK,
        PLAN, APPLY, DRIFT, GENERATE, DUMP, LINT, BACKUP, RESTORE, CHECK_MODELS
    }

    /** An operation started. */
    record Started(Operation operation) implements SchemataEvent {
        public Started {
            Objects.requireNonNull(operation, "operation");
        }
    }

    /** A progress line, such as {@code applied 001 initial schema (12 ms)}. */
    record Progress(Operation operation, String message) implements SchemataEvent {
        public Progress {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(message, "message");
        }
    }

    /** An operation returned its result. */
    record Finished(Operation operation, Duration elapsed) implements SchemataEvent {
        public Finished {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * An operation failed; the same exception is thrown to the caller. It is a {@link SchemataException} for
     * anything a user can act on; anything else is a bug.
     */
    record Failed(Operation operation, Duration elapsed, RuntimeException error) implements SchemataEvent {
        public Failed {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(error, "error");
        }

        /** The error's code; {@code OPERATION_FAILED} for an unexpected exception. */
        public ErrorCode code() {
            return error instanceof SchemataException e ? e.code() : ErrorCode.OPERATION_FAILED;
        }
    }
}
