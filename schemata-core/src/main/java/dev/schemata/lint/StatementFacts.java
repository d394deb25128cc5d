package dev.schemata.lint;

import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;

import java.util.List;
import java.util.Set;

/**
 * What one statement does, and to which table, read from its code tokens by {@link FactsReader}. Only the
 * parts the rules look at are kept; anything else is {@link Verb#OTHER} or an {@link ActionKind#OTHER}
 * action.
 *
 * @param statement   the statement
 * @param verb        its command
 * @param object      for CREATE, ALTER and DROP: the kind of object, upper case ({@code TABLE}, {@code INDEX},
 *                    {@code MATERIALIZED VIEW}, {@code TYPE}, ...); otherwise ""
 * @param table       the table it works on: the created or altered table, the table of CREATE INDEX or
 *                    CREATE TRIGGER, the first table of VACUUM, CLUSTER or LOCK; null when none is named
 * @param names       the objects named: every table of DROP TABLE or TRUNCATE, every index of DROP INDEX,
 *                    the index of CREATE INDEX and REINDEX INDEX, the type of CREATE or ALTER TYPE
 * @param flags       options written in it
 * @param columns     CREATE TABLE: its column definitions
 * @param constraints CREATE TABLE: its table constraints
 * @param actions     ALTER TABLE and ALTER TYPE: the actions, in order
 * @param items       CREATE INDEX: the key columns (a plain column's name, "" for an expression);
 *                    CREATE TYPE ... AS ENUM: the labels; SET and RESET: the parameter name and its value
 *                    ("" for RESET or DEFAULT)
 * @param references  tables that foreign keys written in it point to
 */
record StatementFacts(Statement statement, Verb verb, String object, RelationName table, List<RelationName> names,
                      Set<Flag> flags, List<Column> columns, List<Constraint> constraints, List<Action> actions,
                      List<String> items, List<RelationName> references) {

    StatementFacts {
        names = List.copyOf(names);
        flags = Set.copyOf(flags);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        actions = List.copyOf(actions);
        items = List.copyOf(items);
        references = List.copyOf(references);
    }

    enum Verb {
        CREATE, ALTER, DROP, TRUNCATE, REINDEX, VACUUM, CLUSTER, LOCK, SET, RESET, INSERT, BEGIN, COMMIT, OTHER
    }

    enum Flag {
        CONCURRENTLY, IF_NOT_EXISTS, IF_EXISTS, OR_REPLACE, ONLY, UNIQUE, TEMPORARY,
        /** VACUUM FULL. */
        FULL,
        /** CREATE TABLE ... PARTITION BY. */
        PARTITIONED,
        /** CREATE TABLE ... AS, CREATE TABLE ... PARTITION OF, CREATE TABLE ... OF type. */
        NO_COLUMN_LIST,
        /** INSERT ... ON CONFLICT. */
        ON_CONFLICT,
        /** LOCK TABLE in SHARE mode or stronger. */
        STRONG_LOCK,
        /** SET LOCAL, or set_config(..., true). */
        LOCAL
    }

    boolean has(Flag flag) {
        return flags.contains(flag);
    }

    boolean is(Verb v, String o) {
        return verb == v && object.equals(o);
    }

    /** Where a finding about the whole statement points: its first token that is not a comment. */
    Token first() {
        for (Token token : statement.tokens()) {
            if (!token.isComment()) {
                return token;
            }
        }
        throw new IllegalStateException("a statement without code at line " + statement.line());
    }

    /**
     * One column definition (CREATE TABLE, ALTER TABLE ... ADD COLUMN).
     *
     * @param defaultExpr the DEFAULT expression's tokens, empty when there is none
     * @param identity    GENERATED ... AS IDENTITY
     * @param stored      GENERATED ALWAYS AS (...) STORED (a virtual generated column is not stored)
     * @param check       it has an inline CHECK constraint
     * @param references  the table an inline REFERENCES points to, or null
     */
    record Column(String name, TypeName type, Token at, boolean notNull, boolean primaryKey, boolean unique,
                  List<Token> defaultExpr, boolean identity, boolean stored, boolean check,
                  RelationName references) {
        Column {
            defaultExpr = List.copyOf(defaultExpr);
        }

        boolean hasDefault() {
            return !defaultExpr.isEmpty();
        }
    }

    enum ConstraintKind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUDE, NOT_NULL, OTHER }

    /**
     * A table constraint (CREATE TABLE, ALTER TABLE ... ADD).
     *
     * @param columns    the constrained columns ({@code FOREIGN KEY (a, b)}, {@code UNIQUE (a)}); empty for CHECK
     * @param references the referenced table of a foreign key, or null
     * @param usingIndex PRIMARY KEY or UNIQUE ... USING INDEX an existing index
     * @param body       CHECK: the tokens inside its parentheses
     */
    record Constraint(ConstraintKind kind, String name, List<String> columns, RelationName references,
                      boolean notValid, boolean usingIndex, Token at, List<Token> body) {
        Constraint {
            columns = List.copyOf(columns);
            body = List.copyOf(body);
        }
    }

    enum ActionKind {
        ADD_COLUMN, ADD_CONSTRAINT, DROP_COLUMN, DROP_CONSTRAINT, ALTER_TYPE, SET_NOT_NULL, DROP_NOT_NULL,
        SET_DEFAULT, DROP_DEFAULT, RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT, VALIDATE_CONSTRAINT,
        SET_SCHEMA, ATTACH_PARTITION, DETACH_PARTITION,
        /** ALTER TYPE ... ADD VALUE: newName is the label, column the neighbour of BEFORE or AFTER, if any. */
        ADD_VALUE_END, ADD_VALUE_BEFORE, ADD_VALUE_AFTER,
        /** An action that takes only SHARE UPDATE EXCLUSIVE (SET STATISTICS, SET (...), CLUSTER ON, ...). */
        OTHER_WEAK,
        OTHER
    }

    /**
     * One action of ALTER TABLE (or ALTER TYPE).
     *
     * @param at          its first token
     * @param column      the column it concerns (ALTER, DROP, RENAME COLUMN), or the constraint name
     *                    (DROP, VALIDATE, RENAME CONSTRAINT); null otherwise
     * @param newName     RENAME ... TO: the new name; SET SCHEMA: the schema
     * @param definition  ADD COLUMN: the column
     * @param type        ALTER COLUMN ... TYPE: the new type
     * @param using       ALTER COLUMN ... TYPE: the tokens of its USING expression, empty when there is none
     * @param constraint  ADD CONSTRAINT: the constraint
     * @param conditional written with IF EXISTS or IF NOT EXISTS
     * @param concurrent  DETACH PARTITION ... CONCURRENTLY
     */
    record Action(ActionKind kind, Token at, String column, String newName, Column definition, TypeName type,
                  List<Token> using, Constraint constraint, boolean conditional, boolean concurrent) {
        Action {
            using = List.copyOf(using);
        }

        /** Whether it needs a lock that blocks writes (SHARE or stronger) on the table. */
        boolean blocksWrites() {
            return switch (kind) {
                case VALIDATE_CONSTRAINT, OTHER_WEAK, ATTACH_PARTITION -> false;
                case DETACH_PARTITION -> !concurrent;
                default -> true;
            };
        }
    }
}
