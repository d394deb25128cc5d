package dev.schemata.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.schemata.sql.TransactionRules.hasSequence;
import static dev.schemata.sql.TransactionRules.is;
import static dev.schemata.sql.TransactionRules.word;

/**
 * What a statement names, read from its tokens alone (so a word in a string, a comment or a function body
 * never counts): the tables a {@link StatementKind#DATA} statement writes and the sequences it sets, the
 * trigger events it can fire, the table and events of a {@code CREATE TRIGGER}, and what a
 * {@link StatementKind#SETTING} changes. Names are as written, split into their parts (one or two: the
 * last two of a longer name) and folded as PostgreSQL folds them; a part that cannot be read is {@code "?"}.
 */
public final class StatementTargets {
    /** PostgreSQL's default {@code search_path} ({@code "$user", public}), as far as names resolve in it. */
    public static final List<String> DEFAULT_SEARCH_PATH = List.of("public");

    private StatementTargets() {
    }

    /**
     * What a data statement writes: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t},
     * {@code MERGE INTO t}, {@code TRUNCATE t, u}, {@code COPY t}, anywhere in it (a {@code WITH} query's
     * data-modifying parts too), and the sequences of {@code setval}/{@code nextval} (by name, or the table
     * of {@code pg_get_serial_sequence('table', 'column')}, which is listed among the tables).
     */
    public record Written(List<List<String>> tables, List<List<String>> sequences) {
        public Written {
            tables = List.copyOf(tables);
            sequences = List.copyOf(sequences);
        }

        public boolean isEmpty() {
            return tables.isEmpty() && sequences.isEmpty();
        }
    }

    /** A {@code CREATE TRIGGER}: its name, its table as written and its events (INSERT, UPDATE, DELETE, TRUNCATE). */
    public record Trigger(String name, List<String> table, Set<String> events) {
        public Trigger {
            table = List.copyOf(table);
            events = Set.copyOf(events);
        }
    }

    public static Written written(Statement statement) {
        List<List<String>> tables = new ArrayList<>();
        List<List<String>> sequences = new ArrayList<>();
        written(statement.codeTokens(), tables, sequences);
        return new Written(tables, sequences);
    }

    /**
     * {@code SET TRANSACTION …} or {@code SET SESSION CHARACTERISTICS AS TRANSACTION …}: it concerns the
     * transaction a script runs in rather than its statements, and fails once that transaction has started.
     */
    public static boolean setsTransactionMode(Statement statement) {
        List<Token> t = statement.codeTokens();
        return is(t, 0, "SET") && (is(t, 1, "TRANSACTION") || is(t, 1, "SESSION") && is(t, 2, "CHARACTERISTICS"));
    }

    /** The trigger events a data statement can fire. */
    public static Set<String> events(Statement statement) {
        List<Token> t = statement.codeTokens();
        return switch (word(t, 0)) {
            case "INSERT", "COPY" -> hasSequence(t, "DO", "UPDATE") ? Set.of("INSERT", "UPDATE") : Set.of("INSERT");
            case "UPDATE" -> Set.of("UPDATE");
            case "DELETE" -> Set.of("DELETE");
            case "TRUNCATE" -> Set.of("TRUNCATE");
            case "MERGE", "WITH" -> Set.of("INSERT", "UPDATE", "DELETE");
            default -> Set.of();
        };
    }

    /** The trigger a {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER} statement creates. */
    public static Optional<Trigger> trigger(Statement statement) {
        List<Token> t = statement.codeTokens();
        int k = is(t, 1, "OR") && is(t, 2, "REPLACE") ? 3 : 1;
        k = is(t, k, "CONSTRAINT") ? k + 1 : k;
        if (!is(t, 0, "CREATE") || !is(t, k, "TRIGGER") || k + 1 >= t.size()) {
            return Optional.empty();
        }
        Set<String> events = new LinkedHashSet<>();
        for (int j = k + 2; j < t.size(); j++) {
            if (is(t, j, "ON")) {
                List<List<String>> table = new ArrayList<>();
                name(t, j + 1, table);
                return Optional.of(new Trigger(identifier(t.get(k + 1)), table.get(0), events));
            }
            for (String event : List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
                if (is(t, j, event)) {
                    events.add(event);
                }
            }
        }
        return Optional.empty();
    }

    /** The relations and sequences a data statement writes, as written (one or two name parts each). */
    private static void written(List<Token> t, List<List<String>> relations, List<List<String>> sequences) {
        String first = word(t, 0);
        if (first.equals("TRUNCATE")) {
            int i = is(t, 1, "TABLE") ? 2 : 1;
            while (i < t.size()) {
                if (is(t, i, "ONLY")) {
                    i++;
                }
                i = name(t, i, relations);
                if (is(t, i, "*")) {
                    i++;
                }
                if (!is(t, i, ",")) {
                    break;
                }
                i++;
            }
            return;
        }
        if (first.equals("COPY")) {
            name(t, 1, relations);
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (is(t, i, "INSERT") && is(t, i + 1, "INTO")) {
                name(t, i + 2, relations);
            } else if (is(t, i, "DELETE") && is(t, i + 1, "FROM")) {
                name(t, is(t, i + 2, "ONLY") ? i + 3 : i + 2, relations);
            } else if (is(t, i, "MERGE") && is(t, i + 1, "INTO")) {
                name(t, is(t, i + 2, "ONLY") ? i + 3 : i + 2, relations);
            } else if (is(t, i, "UPDATE") && !(i > 0 && (is(t, i - 1, "FOR") || is(t, i - 1, "KEY") || is(t, i - 1, "DO")
                    || is(t, i - 1, "THEN")))) {
                // not ON CONFLICT DO UPDATE, MERGE's THEN UPDATE or FOR [NO KEY] UPDATE
                name(t, is(t, i + 1, "ONLY") ? i + 2 : i + 1, relations);
            } else if ((is(t, i, "setval") || is(t, i, "nextval")) && is(t, i + 1, "(")) {
                sequenceArgument(t, i + 2, relations, sequences);
            }
        }
    }

    /** setval('seq', …) or setval(pg_get_serial_sequence('table', 'column'), …). */
    private static void sequenceArgument(List<Token> t, int i, List<List<String>> relations, List<List<String>> sequences) {
        if (i < t.size() && t.get(i).type() == TokenType.STRING) {
            sequences.add(literalName(t.get(i).text()));
            return;
        }
        int call = is(t, i, "pg_catalog") && is(t, i + 1, ".") ? i + 2 : i;
        if (is(t, call, "pg_get_serial_sequence") && is(t, call + 1, "(") && call + 2 < t.size()
                && t.get(call + 2).type() == TokenType.STRING) {
            relations.add(literalName(t.get(call + 2).text()));
        } else {
            sequences.add(List.of("?"));
        }
    }

    /** Reads {@code name} or {@code schema.name} at {@code i}; returns the index after it. */
    private static int name(List<Token> t, int i, List<List<String>> into) {
        List<String> parts = new ArrayList<>();
        while (i < t.size() && (t.get(i).type() == TokenType.WORD || t.get(i).type() == TokenType.QUOTED_IDENT)) {
            parts.add(identifier(t.get(i)));
            if (!is(t, i + 1, ".")) {
                i++;
                break;
            }
            i += 2;
        }
        into.add(parts.isEmpty() ? List.of("?") : parts.subList(Math.max(0, parts.size() - 2), parts.size()));
        return i;
    }

    private static String identifier(Token token) {
        if (token.type() == TokenType.QUOTED_IDENT && token.text().startsWith("\"")) {
            return token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"");
        }
        return token.text().toLowerCase(Locale.ROOT);
    }

    /** A regclass literal such as {@code 'public.users_id_seq'} or {@code '"Odd"."Name"'}, split into its parts. */
    private static List<String> literalName(String literal) {
        String text = literal.substring(1, literal.length() - 1).replace("''", "'");
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        parts.add(part.toString().strip());
        return parts.subList(Math.max(0, parts.size() - 2), parts.size());
    }

    /** The search_path a SET, RESET or set_config statement leaves, if it is about search_path. */
    public static Optional<List<String>> searchPath(Statement st) {
        List<Token> t = st.codeTokens();
        if (is(t, 0, "RESET") && (is(t, 1, "search_path") || is(t, 1, "ALL"))) {
            return Optional.of(DEFAULT_SEARCH_PATH);
        }
        if (is(t, 0, "SET")) {
            int i = is(t, 1, "SESSION") || is(t, 1, "LOCAL") ? 2 : 1;
            if (!is(t, i, "search_path") || !(is(t, i + 1, "TO") || is(t, i + 1, "="))) {
                return Optional.empty();
            }
            if (is(t, i + 2, "DEFAULT")) {
                return Optional.of(DEFAULT_SEARCH_PATH);
            }
            List<String> schemas = new ArrayList<>();
            for (int j = i + 2; j < t.size(); j++) {
                Token token = t.get(j);
                if (token.type() == TokenType.STRING) {
                    schemas.addAll(literalList(token.text()));
                } else if (token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENT) {
                    schemas.add(identifier(token));
                }
            }
            return Optional.of(schemas);
        }
        if (is(t, 0, "SELECT") && t.size() > 5) {
            for (int j = 1; j + 1 < t.size(); j++) {
                if (t.get(j).type() == TokenType.STRING && t.get(j).text().equalsIgnoreCase("'search_path'")
                        && is(t, j + 1, ",") && j + 2 < t.size() && t.get(j + 2).type() == TokenType.STRING) {
                    return Optional.of(literalList(t.get(j + 2).text()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code 'a, "B"'} as a list of schema names; {@code $user} is left out. */
    private static List<String> literalList(String literal) {
        List<String> schemas = new ArrayList<>();
        for (String item : literal.substring(1, literal.length() - 1).split(",")) {
            String s = item.strip();
            if (s.isEmpty() || s.equals("\"$user\"") || s.equals("$user")) {
                continue;
            }
            schemas.add(s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1)
                    : s.toLowerCase(Locale.ROOT));
        }
        return schemas;
    }

    /** What to RESET after the carried data so a session setting of the file does not outlast it. */
    public static Optional<String> resetName(Statement st) {
        List<Token> t = st.codeTokens();
        if (is(t, 0, "SET")) {
            if (is(t, 1, "LOCAL") || is(t, 1, "TRANSACTION") || is(t, 1, "CONSTRAINTS")
                    || is(t, 1, "SESSION") && is(t, 2, "CHARACTERISTICS")) {
                return Optional.empty();
            }
            int i = is(t, 1, "SESSION") && !is(t, 2, "AUTHORIZATION") ? 2 : 1;
            if (is(t, i, "TIME") && is(t, i + 1, "ZONE")) {
                return Optional.of("TIME ZONE");
            }
            if (is(t, i, "SESSION") && is(t, i + 1, "AUTHORIZATION")) {
                return Optional.of("SESSION AUTHORIZATION");
            }
            StringBuilder name = new StringBuilder();
            for (int j = i; j < t.size() && !is(t, j, "TO") && !is(t, j, "="); j++) {
                name.append(t.get(j).text());
            }
            return name.isEmpty() ? Optional.empty() : Optional.of(name.toString());
        }
        if (is(t, 0, "SELECT")) {
            // set_config('name', 'value', false); true would make it local to the transaction
            for (int j = 1; j + 4 < t.size(); j++) {
                if (t.get(j).type() == TokenType.STRING && is(t, j + 1, ",") && is(t, j + 3, ",") && is(t, j + 4, "false")) {
                    String name = t.get(j).text().substring(1, t.get(j).text().length() - 1);
                    return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? Optional.of(name) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

}
