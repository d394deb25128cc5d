package dev.schemata.catalog;

import java.util.Objects;

/**
 * A cast created with {@code CREATE CAST}, keyed by its source and target types (as {@code format_type}
 * prints them).
 *
 * @param function the function's signature as {@code regprocedure} prints it, for {@link Method#FUNCTION}; null otherwise
 * @param comment  the cast's comment, or null
 */
public record Cast(String source, String target, Method method, String function, Context context, String comment) {

    /** {@code castmethod} {@code f}, {@code b}, {@code i}. */
    public enum Method {
        FUNCTION,
        /** {@code WITHOUT FUNCTION}: the types are binary-coercible. */
        BINARY,
        /** {@code WITH INOUT}: through the types' text forms. */
        INOUT
    }

    /** {@code castcontext} {@code e}, {@code a}, {@code i}. */
    public enum Context {
        EXPLICIT,
        ASSIGNMENT,
        IMPLICIT
    }

    public Cast {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(context, "context");
    }
}
