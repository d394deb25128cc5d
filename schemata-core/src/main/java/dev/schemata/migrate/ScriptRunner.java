package dev.schemata.migrate;

import dev.schemata.Durations;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.execute.Command;
import dev.schemata.execute.Timeouts;
import dev.schemata.execute.Unit;
import dev.schemata.execute.UnitFailed;
import dev.schemata.migration.SqlSource;
import dev.schemata.sql.Directives;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;
import dev.schemata.sql.StatementKind;
import dev.schemata.sql.TransactionRules;
import dev.schemata.sql.TxMode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads migration files with the PostgreSQL script lexer into {@link ScriptPlan}s, and turns a plan into the
 * {@link Unit} the execution engine runs: statements as psql would send them, transaction control written in
 * the file ({@code BEGIN; … COMMIT;}) left to the engine, placeholders replaced, each naming {@code file:line}.
 */
final class ScriptRunner {
    /** Files up to this size keep their statements in memory between planning and running. */
    private static final long KEEP_IN_MEMORY_BYTES = 256 * 1024;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    /** The most statements a migration may have to be sent together with others. */
    private static final int MAX_GROUPED_STATEMENTS = 100;

    private ScriptRunner() {
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
                if (groupable && !TransactionRules.answersWithoutRows(st)) {
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

    /** The timeouts the file's directives set for it. */
    static Timeouts timeouts(ScriptPlan plan) {
        return new Timeouts(plan.lockTimeout(), plan.statementTimeout());
    }

    /**
     * The plan as the engine runs it: one transaction, or statement by statement when it must run outside one.
     * A small file's statements come from the plan; a big one is read again as it runs.
     */
    static Unit unit(ScriptPlan plan, Map<String, String> placeholders) {
        SqlSource source = plan.source();
        return new Unit(source.relativePath(), plan.transactional(), timeouts(plan), sink -> each(plan, st ->
                sink.accept(new Command(substitute(st.sql(), placeholders), st.copyData(), source.relativePath(),
                        st.line() + source.lineOffset(), st, null))));
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
                int line = st.line() + source.lineOffset() + UnitFailed.newlines(st.sql(), m.start());
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

    /** Every statement that would be sent (transaction control left out), for --dry-run. */
    static void forEach(ScriptPlan plan, java.util.function.Consumer<Statement> action) {
        try {
            each(plan, action::accept);
        } catch (SQLException | UnitFailed e) {
            throw new IllegalStateException("nothing was sent", e);
        }
    }

    /** Called with each statement of a plan. */
    private interface StatementAction {
        void accept(Statement st) throws SQLException, UnitFailed;
    }

    /**
     * Calls {@code action} with every statement to send (transaction control left out): those kept in the
     * plan, else read from the file again as they are sent.
     */
    private static void each(ScriptPlan plan, StatementAction action) throws SQLException, UnitFailed {
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
}
