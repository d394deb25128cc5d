package dev.schemata.catalog;

import java.sql.SQLException;

/** Maps the rows of the queries for objects that belong to a table (constraints, indexes, triggers, policies). */
final class TableObjectRows {
    private TableObjectRows() {
    }

    static Constraint constraint(Row row) throws SQLException {
        Constraint.Kind kind = constraintKind(row);
        ForeignKey foreignKey = kind != Constraint.Kind.FOREIGN_KEY ? null : new ForeignKey(
                row.name("referenced_schema", "referenced_table"), row.texts("referenced_columns"),
                action(row, "on_update"), action(row, "on_delete"), match(row));
        return new Constraint(row.name("schema_name", "table_name"), row.text("constraint_name"), kind,
                row.text("definition"), row.texts("columns"), row.bool("deferrable"), row.bool("initially_deferred"),
                row.bool("validated"), foreignKey, row.text("comment"));
    }

    private static Constraint.Kind constraintKind(Row row) throws SQLException {
        char code = row.code("constraint_type");
        return switch (code) {
            case 'p' -> Constraint.Kind.PRIMARY_KEY;
            case 'u' -> Constraint.Kind.UNIQUE;
            case 'f' -> Constraint.Kind.FOREIGN_KEY;
            case 'c' -> Constraint.Kind.CHECK;
            case 'x' -> Constraint.Kind.EXCLUSION;
            default -> throw row.unknown("constraint_type", code);
        };
    }

    private static ForeignKey.Action action(Row row, String column) throws SQLException {
        char code = row.code(column);
        return switch (code) {
            case 'a' -> ForeignKey.Action.NO_ACTION;
            case 'r' -> ForeignKey.Action.RESTRICT;
            case 'c' -> ForeignKey.Action.CASCADE;
            case 'n' -> ForeignKey.Action.SET_NULL;
            case 'd' -> ForeignKey.Action.SET_DEFAULT;
            default -> throw row.unknown(column, code);
        };
    }

    private static ForeignKey.Match match(Row row) throws SQLException {
        char code = row.code("match_type");
        return switch (code) {
            case 's' -> ForeignKey.Match.SIMPLE;
            case 'f' -> ForeignKey.Match.FULL;
            case 'p' -> ForeignKey.Match.PARTIAL;
            default -> throw row.unknown("match_type", code);
        };
    }

    static Index index(Row row) throws SQLException {
        return new Index(row.name("schema_name", "index_name"), row.name("schema_name", "table_name"),
                row.text("definition"), row.text("method"), row.texts("keys"), row.texts("include"),
                row.text("predicate"), row.bool("is_unique"), row.bool("is_primary"), row.bool("nulls_not_distinct"),
                row.text("constraint_name"), row.bool("is_valid"), row.bool("is_replica_identity"),
                row.text("comment"));
    }

    static Trigger trigger(Row row) throws SQLException {
        char code = row.code("state");
        Trigger.State state = switch (code) {
            case 'O' -> Trigger.State.ENABLED;
            case 'D' -> Trigger.State.DISABLED;
            case 'R' -> Trigger.State.REPLICA;
            case 'A' -> Trigger.State.ALWAYS;
            default -> throw row.unknown("state", code);
        };
        return new Trigger(row.name("schema_name", "table_name"), row.text("trigger_name"), row.text("definition"),
                state, row.name("function_schema", "function_name"), row.text("comment"));
    }

    static Policy policy(Row row) throws SQLException {
        char code = row.code("command");
        Policy.Command command = switch (code) {
            case '*' -> Policy.Command.ALL;
            case 'r' -> Policy.Command.SELECT;
            case 'a' -> Policy.Command.INSERT;
            case 'w' -> Policy.Command.UPDATE;
            case 'd' -> Policy.Command.DELETE;
            default -> throw row.unknown("command", code);
        };
        return new Policy(row.name("schema_name", "table_name"), row.text("policy_name"), command,
                row.bool("permissive"), row.texts("roles"), row.text("using_expression"),
                row.text("with_check_expression"), row.text("comment"));
    }
}
