package dev.schemata.catalog;

import java.sql.SQLException;

/**
 * Maps the rows of the queries of objects built on functions (functions, aggregates, operators, casts,
 * event triggers) to records.
 */
final class RoutineRows {
    private RoutineRows() {
    }

    static Function function(Row row, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "function_name");
        String identityArguments = row.text("identity_arguments");
        return new Function(name, identityArguments, kind(row), row.text("arguments"), row.text("result"),
                row.text("language"), volatility(row), row.bool("strict"), row.bool("security_definer"),
                row.bool("leakproof"), parallel(row), row.texts("settings"), row.text("definition"),
                row.text("comment"), grants.function(name, identityArguments));
    }

    private static Function.Kind kind(Row row) throws SQLException {
        char code = row.code("kind");
        return switch (code) {
            case 'f' -> Function.Kind.FUNCTION;
            case 'p' -> Function.Kind.PROCEDURE;
            default -> throw row.unknown("kind", code);
        };
    }

    private static Function.Volatility volatility(Row row) throws SQLException {
        char code = row.code("volatility");
        return switch (code) {
            case 'i' -> Function.Volatility.IMMUTABLE;
            case 's' -> Function.Volatility.STABLE;
            case 'v' -> Function.Volatility.VOLATILE;
            default -> throw row.unknown("volatility", code);
        };
    }

    private static Function.Parallel parallel(Row row) throws SQLException {
        char code = row.code("parallel");
        return switch (code) {
            case 's' -> Function.Parallel.SAFE;
            case 'r' -> Function.Parallel.RESTRICTED;
            case 'u' -> Function.Parallel.UNSAFE;
            default -> throw row.unknown("parallel", code);
        };
    }

    static Aggregate aggregate(Row row, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "aggregate_name");
        String identityArguments = row.text("identity_arguments");
        return new Aggregate(name, identityArguments, row.text("definition"), row.text("comment"),
                grants.function(name, identityArguments));
    }

    static Operator operator(Row row) throws SQLException {
        return new Operator(row.name("schema_name", "operator_name"), row.text("left_type"), row.text("right_type"),
                row.text("options"), row.text("comment"));
    }

    static Cast cast(Row row) throws SQLException {
        char method = row.code("method");
        char context = row.code("context");
        return new Cast(row.text("source_type"), row.text("target_type"), switch (method) {
            case 'f' -> Cast.Method.FUNCTION;
            case 'b' -> Cast.Method.BINARY;
            case 'i' -> Cast.Method.INOUT;
            default -> throw row.unknown("method", method);
        }, row.text("function_signature"), switch (context) {
            case 'e' -> Cast.Context.EXPLICIT;
            case 'a' -> Cast.Context.ASSIGNMENT;
            case 'i' -> Cast.Context.IMPLICIT;
            default -> throw row.unknown("context", context);
        }, row.text("comment"));
    }

    static EventTrigger eventTrigger(Row row) throws SQLException {
        char enabled = row.code("enabled");
        return new EventTrigger(row.text("trigger_name"), row.text("event"), row.texts("tags"),
                row.name("function_schema", "function_name"), switch (enabled) {
            case 'O' -> EventTrigger.Enabled.ORIGIN;
            case 'D' -> EventTrigger.Enabled.DISABLED;
            case 'R' -> EventTrigger.Enabled.REPLICA;
            case 'A' -> EventTrigger.Enabled.ALWAYS;
            default -> throw row.unknown("enabled", enabled);
        }, row.text("comment"));
    }
}
