package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.Column;
import dev.schemata.lint.StatementFacts.Constraint;
import dev.schemata.lint.StatementFacts.ConstraintKind;
import dev.schemata.sql.Token;

import java.util.ArrayList;
import java.util.List;

/** Reads the inside of CREATE TABLE (columns, table constraints) and the actions of ALTER TABLE. */
final class DefinitionReader {
    /** Words that end a column's type and start one of its constraints. */
    private static final String[] COLUMN_CONSTRAINT_WORDS = {"CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
            "CHECK", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE"};
    private static final String[] TABLE_CONSTRAINT_WORDS = {"CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN",
            "EXCLUDE"};

    private DefinitionReader() {
    }

    // ---- CREATE TABLE ---------------------------------------------------------------------------------

    /** One element of CREATE TABLE's list: a column or a table constraint (LIKE and the like are skipped). */
    static void element(Cursor c, List<Column> columns, List<Constraint> constraints) {
        if (c.isAny(TABLE_CONSTRAINT_WORDS) || c.is("NOT", "NULL")) {
            constraints.add(constraint(c));
        } else if (!c.isAny("LIKE") && c.atName()) {
            Column column = column(c);
            if (column != null) {
                columns.add(column);
            }
        }
    }

    /** A column definition: name, type, then its constraints in any order. */
    static Column column(Cursor c) {
        Token at = c.peek();
        String name = c.name();
        if (name == null) {
            return null;
        }
        TypeName type = TypeName.read(c.until(COLUMN_CONSTRAINT_WORDS));
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean identity = false;
        boolean stored = false;
        boolean check = false;
        List<Token> defaultExpr = List.of();
        RelationName references = null;
        while (!c.atEnd()) {
            if (c.accept("CONSTRAINT")) {
                c.name();
            } else if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("DEFAULT")) {
                List<Token> expr = new ArrayList<>();
                int start = c.position();
                c.skipItem(); // the first token may be NULL or NOT, which would otherwise end it
                int afterFirst = c.position();
                c.reset(start);
                while (c.position() < afterFirst) {
                    expr.add(c.next());
                }
                expr.addAll(c.until(COLUMN_CONSTRAINT_WORDS));
                defaultExpr = expr;
            } else if (c.accept("PRIMARY", "KEY")) {
                primaryKey = true;
                notNull = true;
            } else if (c.accept("UNIQUE")) {
                unique = true;
            } else if (c.accept("CHECK")) {
                c.skipGroup();
                check = true;
            } else if (c.accept("REFERENCES")) {
                references = c.relation();
            } else if (c.accept("GENERATED")) {
                if (c.hasAhead("IDENTITY")) {
                    identity = true;
                } else {
                    stored = c.hasAhead("STORED");
                }
                c.until(COLUMN_CONSTRAINT_WORDS);
            } else {
                c.skipItem();
            }
        }
        return new Column(name, type, at, notNull, primaryKey, unique, defaultExpr, identity, stored, check, references);
    }

    /** A table constraint, with or without CONSTRAINT name. */
    static Constraint constraint(Cursor c) {
        Token at = c.peek();
        String name = c.accept("CONSTRAINT") ? c.name() : null;
        ConstraintKind kind;
        List<String> columns = new ArrayList<>();
        RelationName references = null;
        boolean usingIndex = false;
        List<Token> body = List.of();
        if (c.accept("CHECK")) {
            kind = ConstraintKind.CHECK;
            Cursor inside = c.group();
            body = inside == null ? List.of() : inside.rest();
        } else if (c.accept("UNIQUE") || c.is("PRIMARY", "KEY")) {
            kind = c.accept("PRIMARY", "KEY") ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
            c.accept("NULLS", "NOT", "DISTINCT");
            c.accept("NULLS", "DISTINCT");
            if (c.accept("USING", "INDEX")) {
                usingIndex = true;
            } else {
                columns = names(c.group());
            }
        } else if (c.accept("FOREIGN", "KEY")) {
            kind = ConstraintKind.FOREIGN_KEY;
            columns = names(c.group());
            if (c.accept("REFERENCES")) {
                references = c.relation();
            }
        } else if (c.accept("EXCLUDE")) {
            kind = ConstraintKind.EXCLUDE;
        } else if (c.accept("NOT", "NULL")) {
            kind = ConstraintKind.NOT_NULL;
            String column = c.name();
            if (column != null) {
                columns.add(column);
            }
        } else {
            kind = ConstraintKind.OTHER;
        }
        boolean notValid = false;
        while (!c.atEnd()) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else {
                c.skipItem();
            }
        }
        return new Constraint(kind, name, columns, references, notValid, usingIndex, at, body);
    }

    /** The plain column names of a parenthesised list; an expression gives "". */
    static List<String> names(Cursor group) {
        List<String> names = new ArrayList<>();
        if (group == null) {
            return names;
        }
        for (Cursor part : group.split()) {
            Token second = part.peek(1);
            String name = part.name();
            names.add(name == null || second != null && second.isSymbol("(") ? "" : name);
        }
        return names;
    }

    // ---- ALTER TABLE ----------------------------------------------------------------------------------

    /** One action of ALTER TABLE, up to the next top-level comma. */
    static Action action(Cursor c) {
        Token at = c.peek();
        if (c.accept("ADD")) {
            if (c.isAny(TABLE_CONSTRAINT_WORDS)) {
                return new Action(ActionKind.ADD_CONSTRAINT, at, null, null, null, null, List.of(), constraint(c),
                        false, false);
            }
            c.accept("COLUMN");
            boolean conditional = c.accept("IF", "NOT", "EXISTS");
            Column column = column(c);
            return new Action(ActionKind.ADD_COLUMN, at, column == null ? null : column.name(), null, column, null,
                    List.of(), null, conditional, false);
        }
        if (c.accept("DROP")) {
            if (c.accept("CONSTRAINT")) {
                boolean conditional = c.accept("IF", "EXISTS");
                return simple(ActionKind.DROP_CONSTRAINT, at, c.name(), null, conditional);
            }
            c.accept("COLUMN");
            boolean conditional = c.accept("IF", "EXISTS");
            return simple(ActionKind.DROP_COLUMN, at, c.name(), null, conditional);
        }
        if (c.accept("ALTER")) {
            if (c.accept("CONSTRAINT")) {
                return simple(ActionKind.OTHER, at, c.name(), null, false);
            }
            c.accept("COLUMN");
            return alterColumn(c, at, c.name());
        }
        if (c.accept("RENAME")) {
            if (c.accept("TO")) {
                return simple(ActionKind.RENAME_TABLE, at, null, c.name(), false);
            }
            if (c.accept("CONSTRAINT")) {
                String old = c.name();
                c.accept("TO");
                return simple(ActionKind.RENAME_CONSTRAINT, at, old, c.name(), false);
            }
            c.accept("COLUMN");
            String old = c.name();
            c.accept("TO");
            return simple(ActionKind.RENAME_COLUMN, at, old, c.name(), false);
        }
        if (c.accept("VALIDATE", "CONSTRAINT")) {
            return simple(ActionKind.VALIDATE_CONSTRAINT, at, c.name(), null, false);
        }
        if (c.accept("SET", "SCHEMA")) {
            return simple(ActionKind.SET_SCHEMA, at, null, c.name(), false);
        }
        if (c.accept("ATTACH", "PARTITION")) {
            return simple(ActionKind.ATTACH_PARTITION, at, c.name(), null, false);
        }
        if (c.accept("DETACH", "PARTITION")) {
            String partition = c.name();
            boolean concurrent = c.accept("CONCURRENTLY");
            return new Action(ActionKind.DETACH_PARTITION, at, partition, null, null, null, List.of(), null, false,
                    concurrent);
        }
        // Actions that take only SHARE UPDATE EXCLUSIVE (see the ALTER TABLE documentation).
        if (c.is("SET", "(") || c.is("RESET", "(") || c.is("CLUSTER", "ON") || c.is("SET", "WITHOUT", "CLUSTER")
                || c.is("SET", "STATISTICS")) {
            c.rest();
            return simple(ActionKind.OTHER_WEAK, at, null, null, false);
        }
        c.rest();
        return simple(ActionKind.OTHER, at, null, null, false);
    }

    private static Action alterColumn(Cursor c, Token at, String column) {
        if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
            TypeName type = TypeName.read(c.until("COLLATE", "USING"));
            List<Token> using = List.of();
            while (!c.atEnd()) {
                if (c.accept("USING")) {
                    using = c.rest();
                } else {
                    c.skipItem();
                }
            }
            return new Action(ActionKind.ALTER_TYPE, at, column, null, null, type, using, null, false, false);
        }
        ActionKind kind;
        if (c.accept("SET", "NOT", "NULL")) {
            kind = ActionKind.SET_NOT_NULL;
        } else if (c.accept("DROP", "NOT", "NULL")) {
            kind = ActionKind.DROP_NOT_NULL;
        } else if (c.accept("SET", "DEFAULT")) {
            kind = ActionKind.SET_DEFAULT;
        } else if (c.accept("DROP", "DEFAULT")) {
            kind = ActionKind.DROP_DEFAULT;
        } else if (c.is("SET", "STATISTICS") || c.is("SET", "(") || c.is("RESET", "(")) {
            kind = ActionKind.OTHER_WEAK;
        } else {
            kind = ActionKind.OTHER;
        }
        c.rest();
        return simple(kind, at, column, null, false);
    }

    private static Action simple(ActionKind kind, Token at, String column, String newName, boolean conditional) {
        return new Action(kind, at, column, newName, null, null, List.of(), null, conditional, false);
    }
}
