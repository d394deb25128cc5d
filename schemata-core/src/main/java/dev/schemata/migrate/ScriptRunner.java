package dev.schemata.migrate;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;
import dev.schemata.migration.SqlSource;
import dev.schemata.sql.Directives;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;
import dev.schemata.sql.StatementKind;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;
import dev.schemata.sql.TransactionRules;
import dev.schemata.sql.TxMode;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads migration files with the PostgreSQL script lexer and sends their statements one at a time, the
 * way psql does: transaction control written in the file ({@code BEGIN; … COMMIT;}) is left to the runner,
 * {@code COPY … FROM stdin} data goes through the COPY protocol, and a failure names {@code file:line}.
 */
final class ScriptRunner {
    /** Files up to this size keep their statements in memory between planning and running. */
    private static final long KEEP_IN_MEMORY_BYTES = 256 * 1024;
    private static final int MAX_QUOTED_SQL = 1024;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    /** The most statements a migration may have to be sent together with others. */
    private static final int MAX_GROUPED_STATEMENTS = 100;
    /**
     * First words of the statements the server answers with a command tag alone, never rows: only those can
     * be sent in a batch, which has no place for rows in its answer (RETURNING excepted, see below).
     */
    private static final Set<String> ROWLESS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "INSERT", "UPDATE", "DELETE", "TRUNCATE", "DO", "SET", "RESET", "REFRESH", "ANALYZE", "LOCK", "SECURITY",
            "REINDEX", "CLUSTER", "IMPORT");

    private ScriptRunner() {
    }

    /** Called around each statement that is sent, with its 1-based index among the sent statements. */
    interface Listener {
        void before(int index, Statement statement) throws SQLException;

        void after(int index, Statement statement) throws SQLException;
    }

    /** A statement failed on the server. */
    static final class StatementFailed extends Exception {
        final Statement statement;
        final int index;
        final SQLException cause;

        StatementFailed(Statement statement, int index, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
            this.index = index;
            this.cause = cause;
        }
    }

    static ScriptPlan plan(SqlSource source, int serverMajor, Map<String, String> placeholders) {
        String text = size(source) <= KEEP_IN_MEMORY_BYTES ? read(source) : null;
        List<Statement> kept = text != null ? new ArrayList<>() : null;
        String outsideReason = null;
        Directives.Collector directives = new Directives.Collector(Directives.Place.MIGRATION, source.relativePath(),
                source.lineOffset());
        int count = 0;
        boolean groupable = text != null;
        try (Reader reader = text != null ? new StringReader(text) : source.openReader()) {
            // Every comment, not only those above a statement: a directive applies to the whole file.
            SqlScanner scanner = new SqlScanner(reader, source.relativePath()).onComment(directives);
            for (Statement st; (st = scanner.next()) != null; ) {
                if (kept != null) {
                    kept.add(st);
                }
                StatementKind kind = TransactionRules.kind(st);
                if (kind == StatementKind.ROLLBACK) {
                    throw new SqlSyntaxException(source.relativePath(), st.line() + source.lineOffset(),
                            "ROLLBACK in a migration would silently undo it; remove it (each migration already runs in a transaction)");
                }
                if (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT) {
                    continue;
                }
                if (!placeholders.isEmpty()) {
                    checkPlaceholders(source, st, placeholders);
                }
                if (groupable && !answersWithoutRows(st)) {
                    groupable = false;
                }
                if (outsideReason == null && TransactionRules.txMode(st, serverMajor) == TxMode.OUTSIDE_TRANSACTION) {
                    outsideReason = TransactionRules.outsideTransactionCommand(st, serverMajor).orElse("a statement")
                            + " at line " + (st.line() + source.lineOffset());
                }
                count++;
            }
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
        groupable &= outsideReason == null && count <= MAX_GROUPED_STATEMENTS;
        return new ScriptPlan(source, outsideReason == null, outsideReason, count, kept, text,
                timeout(directives, Directives.LOCK_TIMEOUT), timeout(directives, Directives.STATEMENT_TIMEOUT), groupable);
    }

    /** A timeout directive's value as PostgreSQL reads it ({@code 5s}, {@code 10min}), or null without one. */
    private static String timeout(Directives.Collector directives, String name) {
        return directives.find(name).map(d -> Durations.text(d.duration())).orElse(null);
    }

    /** The SET statements of the file's timeout directives; SET LOCAL inside a transaction. */
    static List<String> timeoutStatements(ScriptPlan plan, boolean local) {
        String scope = local ? "SET LOCAL " : "SET ";
        List<String> statements = new ArrayList<>(2);
        if (plan.lockTimeout() != null) {
            statements.add(scope + "lock_timeout = '" + plan.lockTimeout() + "'");
        }
        if (plan.statementTimeout() != null) {
            statements.add(scope + "statement_timeout = '" + plan.statementTimeout() + "'");
        }
        return statements;
    }

    /** A statement without COPY data whose answer holds no rows, judged by its first word and RETURNING. */
    static boolean answersWithoutRows(Statement st) {
        if (st.copyData() != null) {
            return false;
        }
        List<Token> code = st.codeTokens();
        if (code.isEmpty() || code.get(0).type() != TokenType.WORD
                || !ROWLESS.contains(code.get(0).text().toUpperCase(Locale.ROOT))) {
            return false;
        }
        for (Token token : code) {
            if (token.isKeyword("RETURNING")) {
                return false;
            }
        }
        return true;
    }

    private static String read(SqlSource source) {
        try {
            return source.readText();
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    private static SchemataException cannotRead(SqlSource source, IOException e) {
        return new SchemataException(ErrorCode.BAD_INPUT, source.relativePath() + ": cannot read: " + e.getMessage(), e);
    }

    private static long size(SqlSource source) {
        long size = source.file().size();
        return size < 0 ? Long.MAX_VALUE : size;
    }

    private static void checkPlaceholders(SqlSource source, Statement st, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(st.sql());
        while (m.find()) {
            if (!placeholders.containsKey(m.group(1))) {
                int line = st.line() + source.lineOffset() + newlines(st.sql(), m.start());
                throw new SchemataException(ErrorCode.BAD_INPUT, source.relativePath() + ":" + line
                        + ": placeholder ${" + m.group(1) + "} is not defined; define it with --placeholder "
                        + m.group(1) + "=VALUE (defined: " + String.join(", ", placeholders.keySet()) + ")");
            }
        }
    }

    static String substitute(String sql, Map<String, String> placeholders) {
        if (placeholders.isEmpty() || sql.indexOf("${") < 0) {
            return sql;
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholders.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Sends the statements of a planned script, skipping the first {@code skip} (already run by an earlier,
     * interrupted run).
     *
     * @return how many statements were sent (including the skipped ones)
     */
    static int run(Connection c, ScriptPlan plan, int skip, Map<String, String> placeholders, Listener listener)
            throws StatementFailed, SQLException {
        int index = 0;
        if (plan.statements() != null) {
            for (Statement st : plan.statements()) {
                if (!isTransactionControl(st)) {
                    index = send(c, plan, st, index, skip, placeholders, listener);
                }
            }
            return index;
        }
        try (Reader reader = plan.source().openReader()) {
            SqlScanner scanner = new SqlScanner(reader, plan.source().relativePath());
            for (Statement st; (st = scanner.next()) != null; ) {
                if (!isTransactionControl(st)) {
                    index = send(c, plan, st, index, skip, placeholders, listener);
                }
            }
            return index;
        } catch (IOException e) {
            throw cannotRead(plan.source(), e);
        }
    }

    /** Every statement that would be sent (transaction control left out), for --dry-run. */
    static void forEach(ScriptPlan plan, java.util.function.Consumer<Statement> action) {
        if (plan.statements() != null) {
            for (Statement st : plan.statements()) {
                if (!isTransactionControl(st)) {
                    action.accept(st);
                }
            }
            return;
        }
        try (Reader reader = plan.source().openReader()) {
            SqlScanner scanner = new SqlScanner(reader, plan.source().relativePath());
            for (Statement st; (st = scanner.next()) != null; ) {
                if (!isTransactionControl(st)) {
                    action.accept(st);
                }
            }
        } catch (IOException e) {
            throw cannotRead(plan.source(), e);
        }
    }

    /** BEGIN and COMMIT written in a file: the runner opens and ends the transaction itself. */
    static boolean isTransactionControl(Statement st) {
        StatementKind kind = TransactionRules.kind(st);
        return kind == StatementKind.BEGIN || kind == StatementKind.COMMIT;
    }

    private static int send(Connection c, ScriptPlan plan, Statement st, int index, int skip,
                            Map<String, String> placeholders, Listener listener) throws StatementFailed, SQLException {
        int current = index + 1;
        if (current <= skip) {
            return current;
        }
        listener.before(current, st);
        try {
            Database.send(c, substitute(st.sql(), placeholders), st.copyData());
        } catch (SQLException e) {
            if (dev.schemata.connect.Database.isConnectionFailure(e) || c.isClosed()) {
                throw e;
            }
            throw new StatementFailed(st, current, e);
        }
        listener.after(current, st);
        return current;
    }

    /** {@code file:line: ERROR: message}, the server's detail and hint, and the statement, shortened. */
    static String describe(SqlSource source, Statement st, SQLException e) {
        int line = st.line() + source.lineOffset();
        String message = e.getMessage();
        String detail = null;
        String hint = null;
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage server = pe.getServerErrorMessage();
            message = server.getSeverity() + ": " + server.getMessage();
            detail = server.getDetail();
            hint = server.getHint();
            if (server.getPosition() > 0) {
                line += newlines(st.sql(), Math.min(server.getPosition() - 1, st.sql().length()));
            }
        }
        StringBuilder out = new StringBuilder(source.relativePath() + ":" + line + ": " + message);
        if (detail != null) {
            out.append("\n  DETAIL: ").append(detail);
        }
        if (hint != null) {
            out.append("\n  HINT: ").append(hint);
        }
        String sql = st.sql().length() > MAX_QUOTED_SQL ? st.sql().substring(0, MAX_QUOTED_SQL) + " …" : st.sql();
        out.append("\n  in statement: ").append(sql.replace("\n", "\n    "));
        return out.toString();
    }

    private static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
