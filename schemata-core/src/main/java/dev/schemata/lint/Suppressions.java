package dev.schemata.lint;

import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code -- schemata:lint-ignore rule-id[, rule-id …]} comments. On a statement (the comments directly
 * above it, inside it, or after its {@code ;} on the same line) they silence those rules for that statement;
 * at the top of a file, separated from the first statement by a blank line, for the whole file.
 */
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile(
            "schemata:lint-ignore(?![\\w-])[ \\t]+([A-Za-z0-9-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9-]+)*)");

    private Suppressions() {
    }

    /** The rule ids the statement's own comments silence. */
    static Set<String> ofStatement(Statement statement) {
        Set<String> ids = new HashSet<>();
        for (Token comment : statement.comments()) {
            collect(comment.text(), ids);
        }
        return ids;
    }

    /**
     * The rule ids silenced for the whole file: ignore comments before the first statement that are not
     * directly above it (those belong to the statement). Only comments and white space precede the first
     * statement, so reading that text directly cannot pick up a string or code.
     */
    static Set<String> ofFile(String sql, Statement first) {
        Set<String> ids = new HashSet<>();
        int headerEnd = first == null ? Integer.MAX_VALUE : first.line();
        if (first != null) {
            for (Token token : first.tokens()) {
                headerEnd = Math.min(headerEnd, token.line());
            }
        }
        int line = 1;
        int end = 0;
        while (end < sql.length() && line < headerEnd) {
            if (sql.charAt(end) == '\n') {
                line++;
            }
            end++;
        }
        collect(sql.substring(0, end), ids);
        return ids;
    }

    private static void collect(String text, Set<String> ids) {
        Matcher m = IGNORE.matcher(text);
        while (m.find()) {
            for (String id : m.group(1).split(",")) {
                ids.add(id.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
