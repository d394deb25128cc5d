package dev.schemata.catalog;

import java.sql.SQLException;

/** Maps the rows of {@code functions.sql} to records. */
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
}
