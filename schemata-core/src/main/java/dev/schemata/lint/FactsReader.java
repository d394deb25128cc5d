package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.Column;
import dev.schemata.lint.StatementFacts.Constraint;
import dev.schemata.lint.StatementFacts.Flag;
import dev.schemata.lint.StatementFacts.Verb;
import dev.schemata.sql.Statement;
import dev.schemata.sql.StatementKind;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;
import dev.schemata.sql.TransactionRules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@link StatementFacts} from a statement's code tokens. It recognises the statements the rules are
 * about and reads the rest as {@link Verb#OTHER}; it never rejects SQL (the server does that).
 */
final class FactsReader {
    private final Statement statement;
    private Verb verb = Verb.OTHER;
    private String object = "";
    private RelationName table;
    private final List<RelationName> names = new ArrayList<>();
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final List<Column> columns = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<String> items = new ArrayList<>();

    private FactsReader(Statement statement) {
        this.statement = statement;
    }

    static StatementFacts read(Statement statement) {
        FactsReader reader = new FactsReader(statement);
        reader.readStatement();
        List<RelationName> references = new ArrayList<>();
        for (Column column : reader.columns) {
            if (column.references() != null) {
                references.add(column.references());
            }
        }
        for (Constraint constraint : reader.constraints) {
            if (constraint.references() != null) {
                references.add(constraint.references());
            }
        }
        for (Action action : reader.actions) {
            if (action.definition() != null && action.definition().references() != null) {
                references.add(action.definition().references());
            }
            if (action.constraint() != null && action.constraint().references() != null) {
                references.add(action.constraint().references());
            }
        }
        return new StatementFacts(statement, reader.verb, reader.object, reader.table, reader.names, reader.flags,
                reader.columns, reader.constraints, reader.actions, reader.items, references);
    }

    private void readStatement() {
        StatementKind kind = TransactionRules.kind(statement);
        if (kind == StatementKind.BEGIN) {
            verb = Verb.BEGIN;
            return;
        }
        if (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK) {
            verb = Verb.COMMIT;
            return;
        }
        Cursor c = new Cursor(statement.codeTokens());
        Token first = c.next();
        if (first == null || first.type() != TokenType.WORD) {
            return;
        }
        switch (first.text().toUpperCase(Locale.ROOT)) {
            case "CREATE" -> create(c);
            case "ALTER" -> alter(c);
            case "DROP" -> drop(c);
            case "TRUNCATE" -> truncate(c);
            case "REINDEX" -> reindex(c);
            case "VACUUM" -> vacuum(c);
            case "CLUSTER" -> cluster(c);
            case "LOCK" -> lock(c);
            case "SET" -> set(c);
            case "RESET" -> reset(c);
            case "SELECT" -> setConfig(c);
            case "INSERT" -> insert(c);
            default -> {
            }
        }
    }

    // ---- CREATE -----------------------------------------------------------------------------------------

    private void create(Cursor c) {
        verb = Verb.CREATE;
        if (c.accept("OR", "REPLACE")) {
            flags.add(Flag.OR_REPLACE);
        }
        while (c.isAny("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "RECURSIVE", "CONSTRAINT",
                "TRUSTED", "PROCEDURAL", "DEFAULT")) {
            Token modifier = c.next();
            if (modifier.isKeyword("TEMP") || modifier.isKeyword("TEMPORARY")) {
                flags.add(Flag.TEMPORARY);
            } else if (modifier.isKeyword("UNIQUE")) {
                flags.add(Flag.UNIQUE);
            }
        }
        object = objectKind(c);
        switch (object) {
            case "TABLE" -> createTable(c);
            case "INDEX" -> createIndex(c);
            case "TRIGGER" -> createTrigger(c);
            case "TYPE" -> createType(c);
            case "FUNCTION", "PROCEDURE" -> createFunction(c);
            case "SCHEMA" -> {
                ifNotExists(c);
                if (c.accept("AUTHORIZATION")) {
                    names.add(RelationName.of(c.name()));
                } else if (c.atName()) {
                    names.add(RelationName.of(c.name()));
                }
            }
            default -> {
                ifNotExists(c);
                RelationName name = c.relation();
                if (name != null) {
                    names.add(name);
                    if (object.equals("VIEW") || object.equals("MATERIALIZED VIEW")) {
                        table = name;
                    }
                }
            }
        }
    }

    private void createTable(Cursor c) {
        ifNotExists(c);
        table = c.relation();
        if (table == null) {
            return;
        }
        names.add(table);
        Cursor elements = c.group();
        if (elements == null) {
            flags.add(Flag.NO_COLUMN_LIST); // AS SELECT, PARTITION OF parent, OF type
            if (c.accept("PARTITION", "OF")) {
                RelationName parent = c.relation();
                if (parent != null) {
                    names.add(parent);
                }
            }
        } else {
            for (Cursor element : elements.split()) {
                DefinitionReader.element(element, columns, constraints);
            }
        }
        while (!c.atEnd()) {
            if (c.accept("PARTITION", "BY")) {
                flags.add(Flag.PARTITIONED);
            } else if (c.accept("AS")) {
                flags.add(Flag.NO_COLUMN_LIST);
                c.rest();
            } else {
                c.skipItem();
            }
        }
    }

    private void createIndex(Cursor c) {
        if (c.accept("CONCURRENTLY")) {
            flags.add(Flag.CONCURRENTLY);
        }
        ifNotExists(c);
        if (!c.is("ON")) {
            RelationName index = c.relation();
            if (index != null) {
                names.add(index);
            }
        }
        if (!c.accept("ON")) {
            return;
        }
        if (c.accept("ONLY")) {
            flags.add(Flag.ONLY);
        }
        table = c.relation();
        if (c.accept("USING")) {
            c.name();
        }
        items.addAll(DefinitionReader.names(c.group()));
    }

    private void createTrigger(Cursor c) {
        RelationName trigger = c.relation();
        if (trigger != null) {
            names.add(trigger);
        }
        while (!c.atEnd() && !c.is("ON")) {
            c.skipItem();
        }
        if (c.accept("ON")) {
            table = c.relation();
        }
    }

    private void createType(Cursor c) {
        RelationName type = c.relation();
        if (type == null) {
            return;
        }
        names.add(type);
        if (c.accept("AS", "ENUM")) {
            Cursor labels = c.group();
            if (labels != null) {
                for (Cursor label : labels.split()) {
                    String value = Cursor.stringValue(label.peek());
                    if (value != null) {
                        items.add(value);
                    }
                }
            }
        }
    }

    private void createFunction(Cursor c) {
        RelationName function = c.relation();
        if (function != null) {
            names.add(function);
        }
        c.skipGroup();
        while (!c.atEnd()) {
            if (c.isAny("IMMUTABLE", "STABLE", "VOLATILE")) {
                items.add(c.next().text().toUpperCase(Locale.ROOT));
            } else {
                c.skipItem();
            }
        }
    }

    // ---- ALTER ------------------------------------------------------------------------------------------

    private void alter(Cursor c) {
        verb = Verb.ALTER;
        object = objectKind(c);
        if (object.equals("TABLE") && c.is("ALL", "IN")) {
            return;
        }
        if (c.accept("IF", "EXISTS")) {
            flags.add(Flag.IF_EXISTS);
        }
        if (c.accept("ONLY")) {
            flags.add(Flag.ONLY);
        }
        RelationName name = c.relation();
        if (name == null) {
            return;
        }
        c.accept("*");
        names.add(name);
        switch (object) {
            case "TABLE" -> {
                table = name;
                for (Cursor part : c.split()) {
                    actions.add(DefinitionReader.action(part));
                }
            }
            case "TYPE" -> alterType(c);
            case "INDEX", "VIEW", "MATERIALIZED VIEW", "SEQUENCE" -> {
                if (!object.equals("INDEX")) {
                    table = name;
                }
                Token at = c.peek();
                if (c.accept("RENAME", "TO")) {
                    actions.add(new Action(ActionKind.RENAME_TABLE, at, null, c.name(), null, null, List.of(), null,
                            false, false));
                }
            }
            default -> {
            }
        }
    }

    private void alterType(Cursor c) {
        Token at = c.peek();
        if (c.accept("ADD", "VALUE")) {
            boolean conditional = c.accept("IF", "NOT", "EXISTS");
            String label = Cursor.stringValue(c.next());
            ActionKind kind = ActionKind.ADD_VALUE_END;
            String neighbour = null;
            if (c.accept("BEFORE")) {
                kind = ActionKind.ADD_VALUE_BEFORE;
                neighbour = Cursor.stringValue(c.next());
            } else if (c.accept("AFTER")) {
                kind = ActionKind.ADD_VALUE_AFTER;
                neighbour = Cursor.stringValue(c.next());
            }
            actions.add(new Action(kind, at, neighbour, label, null, null, List.of(), null, conditional, false));
        } else if (c.accept("RENAME", "TO")) {
            actions.add(new Action(ActionKind.RENAME_TABLE, at, null, c.name(), null, null, List.of(), null, false,
                    false));
        } else if (c.accept("RENAME", "VALUE")) {
            actions.add(new Action(ActionKind.OTHER, at, null, null, null, null, List.of(), null, false, false));
        }
    }

    // ---- DROP -------------------------------------------------------------------------------------------

    private void drop(Cursor c) {
        verb = Verb.DROP;
        object = objectKind(c);
        if (c.accept("CONCURRENTLY")) {
            flags.add(Flag.CONCURRENTLY);
        }
        if (c.accept("IF", "EXISTS")) {
            flags.add(Flag.IF_EXISTS);
        }
        do {
            RelationName name = c.relation();
            if (name == null) {
                break;
            }
            names.add(name);
            c.skipGroup(); // DROP FUNCTION f(int)
        } while (c.accept(","));
        if (c.accept("ON")) { // DROP TRIGGER t ON table, DROP POLICY, DROP RULE
            table = c.relation();
        }
    }

    // ---- other commands ---------------------------------------------------------------------------------

    private void truncate(Cursor c) {
        verb = Verb.TRUNCATE;
        c.accept("TABLE");
        if (c.accept("ONLY")) {
            flags.add(Flag.ONLY);
        }
        names.addAll(c.relations());
        table = names.isEmpty() ? null : names.get(0);
    }

    private void reindex(Cursor c) {
        verb = Verb.REINDEX;
        Cursor options = c.group();
        if (options != null && isOptionOn(options, "CONCURRENTLY")) {
            flags.add(Flag.CONCURRENTLY);
        }
        object = c.atName() ? c.next().text().toUpperCase(Locale.ROOT) : "";
        if (c.accept("CONCURRENTLY")) {
            flags.add(Flag.CONCURRENTLY);
        }
        RelationName name = c.relation();
        if (name != null) {
            names.add(name);
            if (object.equals("TABLE")) {
                table = name;
            }
        }
    }

    private void vacuum(Cursor c) {
        verb = Verb.VACUUM;
        Cursor options = c.group();
        if (options != null && isOptionOn(options, "FULL")) {
            flags.add(Flag.FULL);
        }
        while (c.isAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")) {
            if (c.next().isKeyword("FULL")) {
                flags.add(Flag.FULL);
            }
        }
        do {
            RelationName name = c.relation();
            if (name == null) {
                break;
            }
            names.add(name);
            c.skipGroup(); // column list
        } while (c.accept(","));
        table = names.isEmpty() ? null : names.get(0);
    }

    private void cluster(Cursor c) {
        verb = Verb.CLUSTER;
        c.skipGroup();
        c.accept("VERBOSE");
        RelationName first = c.relation();
        if (first == null) {
            return;
        }
        if (c.accept("ON")) { // the old form: CLUSTER index ON table
            table = c.relation();
        } else {
            table = first;
        }
        if (table != null) {
            names.add(table);
        }
    }

    private void lock(Cursor c) {
        verb = Verb.LOCK;
        c.accept("TABLE");
        c.accept("ONLY");
        names.addAll(c.relations());
        table = names.isEmpty() ? null : names.get(0);
        StringBuilder mode = new StringBuilder();
        if (c.accept("IN")) {
            while (!c.atEnd() && !c.is("MODE")) {
                mode.append(mode.length() == 0 ? "" : " ").append(c.next().text().toUpperCase(Locale.ROOT));
            }
        }
        String m = mode.length() == 0 ? "ACCESS EXCLUSIVE" : mode.toString();
        if (m.equals("SHARE") || m.equals("SHARE ROW EXCLUSIVE") || m.equals("EXCLUSIVE") || m.equals("ACCESS EXCLUSIVE")) {
            flags.add(Flag.STRONG_LOCK);
        }
    }

    private void set(Cursor c) {
        if (c.accept("LOCAL")) {
            flags.add(Flag.LOCAL);
        } else {
            c.accept("SESSION");
        }
        String name = parameterName(c);
        if (name == null) {
            return;
        }
        verb = Verb.SET;
        String value = "";
        if (c.accept("=") || c.accept("TO")) {
            Token t = c.next();
            value = t == null || t.isKeyword("DEFAULT") ? "" : valueText(t);
        }
        items.add(name);
        items.add(value);
    }

    private void reset(Cursor c) {
        String name = parameterName(c);
        if (name != null) {
            verb = Verb.RESET;
            items.add(name);
            items.add("");
        }
    }

    /** {@code SELECT set_config('lock_timeout', '5s', false)}: the function form of SET. */
    private void setConfig(Cursor c) {
        while (!c.atEnd()) {
            Token t = c.next();
            if (t.isKeyword("set_config") && c.is("(")) {
                Cursor args = c.group();
                List<Cursor> parts = args.split();
                if (parts.size() == 3) {
                    String name = Cursor.stringValue(parts.get(0).peek());
                    String value = Cursor.stringValue(parts.get(1).peek());
                    if (name != null && value != null) {
                        verb = Verb.SET;
                        items.add(name.toLowerCase(Locale.ROOT));
                        items.add(value);
                        if (parts.get(2).is("TRUE") || "t".equals(Cursor.stringValue(parts.get(2).peek()))) {
                            flags.add(Flag.LOCAL);
                        }
                        return;
                    }
                }
            }
        }
    }

    private void insert(Cursor c) {
        verb = Verb.INSERT;
        if (c.accept("INTO")) {
            table = c.relation();
        }
        while (!c.atEnd()) {
            if (c.accept("ON", "CONFLICT")) {
                flags.add(Flag.ON_CONFLICT);
            } else {
                c.skipItem();
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** The object word(s) after CREATE, ALTER or DROP, upper case; "" if there are none. */
    private static String objectKind(Cursor c) {
        if (!c.atName() || c.peek().type() != TokenType.WORD) {
            return "";
        }
        String word = c.next().text().toUpperCase(Locale.ROOT);
        if ((word.equals("MATERIALIZED") || word.equals("FOREIGN") || word.equals("EVENT")) && c.atName()) {
            return word + " " + c.next().text().toUpperCase(Locale.ROOT);
        }
        return word;
    }

    private void ifNotExists(Cursor c) {
        if (c.accept("IF", "NOT", "EXISTS")) {
            flags.add(Flag.IF_NOT_EXISTS);
        }
    }

    /** A run-time parameter's name, lower case, possibly dotted ({@code myapp.tenant}); null if none. */
    private static String parameterName(Cursor c) {
        if (!c.atName()) {
            return null;
        }
        StringBuilder name = new StringBuilder(Cursor.fold(c.next()));
        while (c.is(".") && c.peek(1) != null) {
            c.next();
            name.append('.').append(Cursor.fold(c.next()));
        }
        return name.toString();
    }

    private static String valueText(Token t) {
        String value = Cursor.stringValue(t);
        return value != null ? value : t.text();
    }

    /** Whether an option list such as {@code (FULL, VERBOSE)} or {@code (CONCURRENTLY true)} turns the option on. */
    private static boolean isOptionOn(Cursor options, String option) {
        for (Cursor part : options.split()) {
            if (part.accept(option)) {
                Token value = part.peek();
                if (value == null) {
                    return true;
                }
                String text = Cursor.stringValue(value) != null ? Cursor.stringValue(value) : value.text();
                return !(text.equalsIgnoreCase("false") || text.equalsIgnoreCase("off") || text.equals("0"));
            }
        }
        return false;
    }
}
