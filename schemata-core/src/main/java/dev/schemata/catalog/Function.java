package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A function or procedure (aggregates are {@link Aggregate}s; window functions, written in C, are listed as
 * {@link Unsupported}). Overloads
 * share a name and differ in {@link #identityArguments()}, which together with the name is the key.
 *
 * @param identityArguments the arguments that identify the function, as
 *                          {@code pg_get_function_identity_arguments} prints them (e.g. {@code a integer, b text})
 * @param arguments         the full argument list with defaults, as {@code pg_get_function_arguments} prints it
 * @param result            the return type as {@code pg_get_function_result} prints it; null for a procedure
 * @param language          e.g. {@code plpgsql}, {@code sql}
 * @param strict            {@code STRICT} ({@code RETURNS NULL ON NULL INPUT})
 * @param securityDefiner   {@code SECURITY DEFINER}
 * @param settings          {@code SET} clauses ({@code proconfig}) as {@code name=value}, sorted
 * @param definition        the whole {@code CREATE OR REPLACE} statement as {@code pg_get_functiondef} prints it
 * @param comment           the function's comment, or null
 * @param privileges        granted privileges, sorted
 */
public record Function(QualifiedName name, String identityArguments, Kind kind, String arguments, String result,
                       String language, Volatility volatility, boolean strict, boolean securityDefiner,
                       boolean leakproof, Parallel parallel, List<String> settings, String definition,
                       String comment, List<Privilege> privileges) {

    /** {@code prokind} {@code f} or {@code p}. */
    public enum Kind {
        FUNCTION,
        PROCEDURE
    }

    /** {@code provolatile} {@code i}, {@code s}, {@code v}. */
    public enum Volatility {
        IMMUTABLE,
        STABLE,
        VOLATILE
    }

    /** {@code proparallel} {@code s}, {@code r}, {@code u}. */
    public enum Parallel {
        SAFE,
        RESTRICTED,
        UNSAFE
    }

    public Function {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityArguments, "identityArguments");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(volatility, "volatility");
        Objects.requireNonNull(parallel, "parallel");
        Objects.requireNonNull(definition, "definition");
        settings = Lists.sorted(settings);
        privileges = Lists.sorted(privileges);
    }

    public boolean isProcedure() {
        return kind == Kind.PROCEDURE;
    }

    /** {@code schema.name(identity arguments)}, unquoted: for messages, not for SQL. */
    public String signature() {
        return name + "(" + identityArguments + ")";
    }
}
