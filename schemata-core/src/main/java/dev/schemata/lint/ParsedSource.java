package dev.schemata.lint;

import dev.schemata.sql.Directives;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source read once: its statements with their facts, the rules its header silences, and whether it
 * carries Schemata's {@code -- schemata:lock-timeout} directive (which sets lock_timeout for the whole
 * migration before it runs).
 *
 * @param order        its position among the run's sources, for sorting findings
 * @param source       the source
 * @param statements   its statements' facts, in order
 * @param fileIgnores  rule ids silenced for the whole file
 * @param lockTimeoutDirective whether a comment sets Schemata's lock-timeout directive
 * @param lineStarts   the offset in the text where each line starts
 */
record ParsedSource(int order, LintSource source, List<StatementFacts> statements, Set<String> fileIgnores,
                    boolean lockTimeoutDirective, int[] lineStarts) {
    /** A migration placeholder, as {@code migrate --placeholder} replaces them. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    static ParsedSource read(int order, LintSource source) {
        List<Statement> statements = source.statements();
        try {
            if (statements == null) {
                statements = SqlScanner.split(withoutPlaceholders(source.sql()), source.name());
            }
        } catch (SqlSyntaxException e) {
            if (source.lineOffset() == 0) {
                throw e;
            }
            String problem = e.getMessage().substring((e.source() + ":" + e.line() + ": ").length());
            throw new SqlSyntaxException(e.source(), e.line() + source.lineOffset(), problem, e);
        }
        List<StatementFacts> facts = new ArrayList<>(statements.size());
        for (Statement statement : statements) {
            facts.add(FactsReader.read(statement));
        }
        // The directives as migrate reads them (every comment of the file, checked the same way), so a
        // misspelt or unreadable one fails the lint as it fails the run.
        Directives.Place place = LintSource.isInitSql(source.name()) ? Directives.Place.SCHEMA_FILE : Directives.Place.MIGRATION;
        boolean directive = Directives.inScript(source.sql(), place, source.name(), source.lineOffset()).stream()
                .anyMatch(d -> d.name().equals(Directives.LOCK_TIMEOUT) && !d.duration().isZero());
        Set<String> fileIgnores = Suppressions.ofFile(source.sql(), statements.isEmpty() ? null : statements.get(0));
        return new ParsedSource(order, source, facts, fileIgnores, directive, lineStarts(source.sql()));
    }

    /**
     * The text with each {@code ${name}} placeholder replaced by the quoted identifier {@code "name"} and a
     * space, the same length, so that {@code ${schema}.articles} still reads as a table name and columns stay
     * where they are. Their values are not known to the lint.
     */
    static String withoutPlaceholders(String sql) {
        if (sql.indexOf("${") < 0) {
            return sql;
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"" + m.group(1) + "\" "));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Where each line starts in the text, so that quoting a line does not scan the file from the top. */
    private static int[] lineStarts(String sql) {
        int lines = 1;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int line = 1;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    /** Line {@code line} (1-based, of the source's text) without its line break, or "" past the end. */
    String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        String sql = source.sql();
        int start = lineStarts[line - 1];
        int end = sql.indexOf('\n', start);
        String text = end < 0 ? sql.substring(start) : sql.substring(start, end);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
