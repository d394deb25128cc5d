package dev.schemata.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a statement means for transactions: whether PostgreSQL refuses to run it inside a transaction block
 * (the commands its documentation lists as such), and whether it is itself BEGIN, COMMIT, ROLLBACK or a
 * savepoint command; and what else the runner of a script needs to know about one (whether its answer
 * holds rows, which index a concurrent build makes, whether it changes objects of the whole server). Only
 * the statement's tokens are looked at, so a word inside a string, a dollar-quoted
 * body or a comment never counts.
 *
 * <p>Where the answer depends on the database's state (DROP SUBSCRIPTION of a subscription that has no
 * replication slot), the rule answers {@link TxMode#OUTSIDE_TRANSACTION}, which is always safe. Commands
 * that refuse a transaction block only for partitioned tables (REINDEX or CLUSTER of one table) cannot be
 * recognised from the text and are reported as {@link TxMode#ANY}.
 */
public final class TransactionRules {
    /**
     * First words of the statements the server answers with a command tag alone, never rows: only those can
     * be sent in a batch, which has no place for rows in its answer (RETURNING excepted, see below).
     */
    private static final Set<String> ROWLESS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "INSERT", "UPDATE", "DELETE", "TRUNCATE", "DO", "SET", "RESET", "REFRESH", "ANALYZE", "LOCK", "SECURITY",
            "REINDEX", "CLUSTER", "IMPORT");

    private TransactionRules() {
    }

    /**
     * Whether the server answers {@code statement} without rows and it has no COPY data, judged by its first
     * word and RETURNING: such statements can be sent many to a batch.
     */
    public static boolean answersWithoutRows(Statement statement) {
        if (statement.copyData() != null) {
            return false;
        }
        List<Token> code = statement.codeTokens();
        if (code.isEmpty() || !ROWLESS.contains(word(code, 0))) {
            return false;
        }
        for (Token token : code) {
            if (token.isKeyword("RETURNING")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name of the index a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} statement builds, when it names one
     * (folded as PostgreSQL folds it): a failed or interrupted build leaves that index invalid.
     */
    public static Optional<String> indexBuiltConcurrently(Statement statement) {
        List<Token> t = statement.codeTokens();
        int i = is(t, 1, "UNIQUE") ? 2 : 1;
        if (!word(t, 0).equals("CREATE") || !is(t, i, "INDEX") || !is(t, i + 1, "CONCURRENTLY")) {
            return Optional.empty();
        }
        i += 2;
        if (is(t, i, "IF") && is(t, i + 1, "NOT") && is(t, i + 2, "EXISTS")) {
            i += 3;
        }
        if (i >= t.size() || t.get(i).isKeyword("ON")) {
            return Optional.empty();
        }
        Token name = t.get(i);
        if (name.type() == TokenType.QUOTED_IDENT) {
            return Optional.of(name.text());
        }
        return name.type() == TokenType.WORD ? Optional.of(name.text().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The command, when a statement changes an object that belongs to the whole server rather than to one
     * database: roles and role membership, databases, tablespaces, server settings. Statements inside a
     * {@code DO} body are not seen.
     */
    public static Optional<String> clusterWideCommand(Statement statement) {
        List<Token> t = statement.codeTokens();
        String first = word(t, 0);
        String second = word(t, 1);
        switch (first) {
            case "CREATE", "ALTER", "DROP" -> {
                if (first.equals("ALTER") && second.equals("SYSTEM")) {
                    return Optional.of("ALTER SYSTEM");
                }
                if (second.equals("ROLE") || second.equals("GROUP") || second.equals("DATABASE") || second.equals("TABLESPACE")
                        || (second.equals("USER") && !word(t, 2).equals("MAPPING"))) {
                    return Optional.of(first + " " + second);
                }
                return Optional.empty();
            }
            case "GRANT", "REVOKE" -> {
                // GRANT role TO role (no ON): membership is stored for the whole server.
                boolean on = t.stream().anyMatch(token -> token.isKeyword("ON"));
                return on ? Optional.empty() : Optional.of(first + " (role membership)");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Whether {@code statement} can run inside a transaction block on a server of that major version. */
    public static TxMode txMode(Statement statement, int serverMajorVersion) {
        return outsideTransactionCommand(statement, serverMajorVersion).isPresent()
                ? TxMode.OUTSIDE_TRANSACTION
                : TxMode.ANY;
    }

    /**
     * The command, named as in PostgreSQL's error message (such as {@code "CREATE INDEX CONCURRENTLY"}), if
     * {@code statement} cannot run inside a transaction block on a server of that major version.
     */
    public static Optional<String> outsideTransactionCommand(Statement statement, int serverMajorVersion) {
        return Optional.ofNullable(outsideCommand(statement.codeTokens(), serverMajorVersion));
    }

    /**
     * Whether {@code statement} is {@code ALTER TYPE … ADD VALUE}: from PostgreSQL 12 it may run in a
     * transaction block, but the new label cannot be used before that transaction commits, so a script that
     * adds a label and then uses it must commit in between.
     */
    public static boolean addsEnumValue(Statement statement) {
        List<Token> t = statement.codeTokens();
        return is(t, 0, "ALTER") && is(t, 1, "TYPE") && hasSequence(t, "ADD", "VALUE");
    }

    /** Whether {@code statement} is transaction control, a setting, data or anything else (see {@link StatementKind}). */
    public static StatementKind kind(Statement statement) {
        List<Token> t = statement.codeTokens();
        switch (word(t, 0)) {
            case "BEGIN":
                return is(t, 1, "ATOMIC") ? StatementKind.OTHER : StatementKind.BEGIN;
            case "START":
                return is(t, 1, "TRANSACTION") ? StatementKind.BEGIN : StatementKind.OTHER;
            case "COMMIT":
                return is(t, 1, "PREPARED") ? StatementKind.OTHER : StatementKind.COMMIT;
            case "END":
                return StatementKind.COMMIT;
            case "ABORT":
                return StatementKind.ROLLBACK;
            case "ROLLBACK":
                if (is(t, 1, "PREPARED")) {
                    return StatementKind.OTHER;
                }
                boolean toSavepoint = is(t, 1, "TO")
                        || (is(t, 1, "WORK") || is(t, 1, "TRANSACTION")) && is(t, 2, "TO");
                return toSavepoint ? StatementKind.SAVEPOINT : StatementKind.ROLLBACK;
            case "SAVEPOINT":
            case "RELEASE":
                return StatementKind.SAVEPOINT;
            case "SET":
            case "RESET":
                return StatementKind.SETTING;
            case "SELECT":
                return isSetConfig(t) ? StatementKind.SETTING : StatementKind.DATA;
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "TRUNCATE":
            case "COPY":
            case "WITH":
            case "VALUES":
            case "TABLE":
            case "CALL":
            case "EXECUTE":
            case "DO":
                return StatementKind.DATA;
            case "CREATE":
                return createsTableWithRows(t) ? StatementKind.DATA : StatementKind.OTHER;
            default:
                return t.isEmpty() || !is(t, 0, "(") ? StatementKind.OTHER : StatementKind.DATA; // (SELECT ...)
        }
    }

    /** CREATE [TEMP | UNLOGGED …] TABLE … AS query, unless WITH NO DATA: a table and its rows at once. */
    private static boolean createsTableWithRows(List<Token> t) {
        int i = 1;
        while (is(t, i, "GLOBAL") || is(t, i, "LOCAL") || is(t, i, "TEMP") || is(t, i, "TEMPORARY") || is(t, i, "UNLOGGED")) {
            i++;
        }
        if (!is(t, i, "TABLE")) {
            return false;
        }
        for (int j = i + 1; j < t.size(); j++) {
            if (is(t, j, "(")) {
                j = afterParentheses(t, j) - 1; // column lists, WITH (options)
            } else if (is(t, j, "AS")) {
                return !(is(t, t.size() - 3, "WITH") && is(t, t.size() - 2, "NO") && is(t, t.size() - 1, "DATA"));
            }
        }
        return false;
    }

    /** {@code SELECT [pg_catalog.]set_config(...)} with nothing after the call (pg_dump sets search_path so). */
    private static boolean isSetConfig(List<Token> t) {
        int i = is(t, 1, "pg_catalog") && is(t, 2, ".") ? 3 : 1;
        return is(t, i, "set_config") && is(t, i + 1, "(") && afterParentheses(t, i + 1) == t.size();
    }

    private static String outsideCommand(List<Token> t, int major) {
        switch (word(t, 0)) {
            case "CREATE":
                return create(t);
            case "DROP":
                return drop(t);
            case "ALTER":
                return alter(t, major);
            case "REINDEX":
                return reindex(t);
            case "VACUUM":
                return "VACUUM";
            case "CLUSTER": {
                // Without a table, CLUSTER reclusters every table, each in its own transaction.
                int i = is(t, 1, "(") ? afterParentheses(t, 1) : 1;
                if (is(t, i, "VERBOSE")) {
                    i++;
                }
                return i >= t.size() ? "CLUSTER" : null;
            }
            case "DISCARD":
                return is(t, 1, "ALL") ? "DISCARD ALL" : null;
            case "COMMIT":
            case "ROLLBACK":
                return is(t, 1, "PREPARED") ? word(t, 0) + " PREPARED" : null;
            default:
                return null;
        }
    }

    private static String create(List<Token> t) {
        int index = is(t, 1, "UNIQUE") ? 2 : 1;
        if (is(t, index, "INDEX") && is(t, index + 1, "CONCURRENTLY")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        switch (word(t, 1)) {
            case "DATABASE":
                return "CREATE DATABASE";
            case "TABLESPACE":
                return "CREATE TABLESPACE";
            case "SUBSCRIPTION":
                // Creating the replication slot cannot be rolled back; connect = false implies no slot.
                return isSetFalse(t, "create_slot") || isSetFalse(t, "connect")
                        ? null
                        : "CREATE SUBSCRIPTION ... WITH (create_slot = true)";
            default:
                return null;
        }
    }

    private static String drop(List<Token> t) {
        switch (word(t, 1)) {
            case "INDEX":
                return is(t, 2, "CONCURRENTLY") ? "DROP INDEX CONCURRENTLY" : null;
            case "DATABASE":
                return "DROP DATABASE";
            case "TABLESPACE":
                return "DROP TABLESPACE";
            case "SUBSCRIPTION":
                return "DROP SUBSCRIPTION";
            default:
                return null;
        }
    }

    private static String alter(List<Token> t, int major) {
        switch (word(t, 1)) {
            case "SYSTEM":
                return "ALTER SYSTEM";
            case "DATABASE":
                return is(t, 3, "SET") && is(t, 4, "TABLESPACE") ? "ALTER DATABASE ... SET TABLESPACE" : null;
            case "TYPE":
                return major < 12 && hasSequence(t, "ADD", "VALUE") ? "ALTER TYPE ... ADD VALUE" : null;
            case "TABLE":
                return hasSequence(t, "DETACH", "PARTITION") && hasWordAfter(t, "PARTITION", "CONCURRENTLY")
                        ? "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"
                        : null;
            case "SUBSCRIPTION":
                return alterSubscription(t);
            default:
                return null;
        }
    }

    private static String alterSubscription(List<Token> t) {
        // ALTER SUBSCRIPTION name ...
        String action = word(t, 3);
        if (action.equals("REFRESH")) {
            return "ALTER SUBSCRIPTION ... REFRESH PUBLICATION";
        }
        boolean publication = is(t, 4, "PUBLICATION");
        if (publication && (action.equals("SET") || action.equals("ADD") || action.equals("DROP"))) {
            return isSetFalse(t, "refresh") ? null : "ALTER SUBSCRIPTION ... " + action + " PUBLICATION";
        }
        if (action.equals("SET") && is(t, 4, "(")) {
            // Changing these options alters the replication slot, which cannot be rolled back.
            if (hasOption(t, "failover")) {
                return "ALTER SUBSCRIPTION ... SET (failover)";
            }
            if (hasOption(t, "two_phase")) {
                return "ALTER SUBSCRIPTION ... SET (two_phase)";
            }
        }
        return null;
    }

    private static String reindex(List<Token> t) {
        int i = 1;
        if (is(t, 1, "(")) {
            i = afterParentheses(t, 1);
            for (int j = 2; j < i - 1; j++) {
                if (is(t, j, "CONCURRENTLY") && !isFalseValue(t, j + 1)) {
                    return "REINDEX CONCURRENTLY";
                }
            }
        }
        String target = word(t, i);
        if (target.equals("SCHEMA") || target.equals("DATABASE") || target.equals("SYSTEM")) {
            return "REINDEX " + target;
        }
        return is(t, i + 1, "CONCURRENTLY") ? "REINDEX CONCURRENTLY" : null;
    }

    // ---- token helpers ----------------------------------------------------------------------------------

    /** The upper-cased word at {@code index}, or "" if there is no unquoted word there. */
    static String word(List<Token> t, int index) {
        if (index >= t.size() || t.get(index).type() != TokenType.WORD) {
            return "";
        }
        return t.get(index).text().toUpperCase(Locale.ROOT);
    }

    /** Whether the token at {@code index} is the keyword or symbol {@code text}. */
    static boolean is(List<Token> t, int index, String text) {
        return index < t.size() && (t.get(index).isKeyword(text) || t.get(index).isSymbol(text));
    }

    static boolean hasSequence(List<Token> t, String first, String second) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (is(t, i, first) && is(t, i + 1, second)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWordAfter(List<Token> t, String anchor, String word) {
        boolean seen = false;
        for (Token token : t) {
            seen |= token.isKeyword(anchor);
            if (seen && token.isKeyword(word)) {
                return true;
            }
        }
        return false;
    }

    /** Index just past the parenthesised group that opens at {@code open}. */
    private static int afterParentheses(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (is(t, i, "(")) {
                depth++;
            } else if (is(t, i, ")") && --depth == 0) {
                return i + 1;
            }
        }
        return t.size();
    }

    private static boolean hasOption(List<Token> t, String option) {
        for (Token token : t) {
            if (token.isKeyword(option)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement's options say {@code option = false} (or off, 0, 'false', ...). */
    private static boolean isSetFalse(List<Token> t, String option) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).isKeyword(option) && is(t, i + 1, "=") && isFalseValue(t, i + 2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFalseValue(List<Token> t, int index) {
        if (index >= t.size()) {
            return false;
        }
        Token token = t.get(index);
        String value = token.text();
        if (token.type() == TokenType.STRING && value.length() >= 2) {
            value = value.substring(1, value.length() - 1);
        } else if (token.type() != TokenType.WORD && token.type() != TokenType.NUMBER) {
            return false;
        }
        return value.equalsIgnoreCase("false") || value.equalsIgnoreCase("off") || value.equals("0");
    }
}
