package dev.schemata.lint;

import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks the code tokens of one statement, or of one part of it (an ALTER TABLE action, a column
 * definition), left to right. Words match unquoted keywords only, ignoring case, so a quoted identifier
 * or a string that happens to spell a keyword never matches.
 */
final class Cursor {
    private final List<Token> tokens;
    private final int end;
    private int pos;

    Cursor(List<Token> tokens) {
        this(tokens, 0, tokens.size());
    }

    private Cursor(List<Token> tokens, int start, int end) {
        this.tokens = tokens;
        this.pos = start;
        this.end = end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    /** The token {@code ahead} places after the current one, or null past the end. */
    Token peek(int ahead) {
        int i = pos + ahead;
        return i < end ? tokens.get(i) : null;
    }

    Token peek() {
        return peek(0);
    }

    Token next() {
        return pos < end ? tokens.get(pos++) : null;
    }

    /** Whether the next tokens are these keywords or symbols, in order. */
    boolean is(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!matches(peek(i), words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the next token is one of these keywords or symbols. */
    boolean isAny(String... words) {
        for (String word : words) {
            if (matches(peek(), word)) {
                return true;
            }
        }
        return false;
    }

    /** Consumes the keywords if the next tokens are exactly these. */
    boolean accept(String... words) {
        if (!is(words)) {
            return false;
        }
        pos += words.length;
        return true;
    }

    /** Whether the next token can name something: an unquoted word or a quoted identifier. */
    boolean atName() {
        Token t = peek();
        return t != null && (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT);
    }

    /** Reads one identifier (folded), or returns null without moving if there is none. */
    String name() {
        return atName() ? fold(next()) : null;
    }

    /** Reads {@code a}, {@code a.b} or {@code a.b.c} (the last two parts are kept); null if there is none. */
    RelationName relation() {
        if (!atName()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(fold(next()));
        while (is(".") && peek(1) != null
                && (peek(1).type() == TokenType.WORD || peek(1).type() == TokenType.QUOTED_IDENT)) {
            pos++;
            parts.add(fold(next()));
        }
        int n = parts.size();
        return new RelationName(n == 1 ? null : parts.get(n - 2), parts.get(n - 1));
    }

    /** Reads a comma-separated list of relation names (as in DROP TABLE a, b). */
    List<RelationName> relations() {
        List<RelationName> names = new ArrayList<>();
        do {
            RelationName name = relation();
            if (name == null) {
                break;
            }
            names.add(name);
            accept("*");
        } while (accept(","));
        return names;
    }

    /** If the next token opens a parenthesis, a cursor over what is inside it; this one moves past the ')'. */
    Cursor group() {
        if (!is("(")) {
            return null;
        }
        int open = pos;
        int close = closing(open);
        pos = Math.min(close + 1, end);
        return new Cursor(tokens, open + 1, Math.min(close, end));
    }

    /** Skips a parenthesised group if one starts here. */
    void skipGroup() {
        group();
    }

    /** Moves past the next token, or the whole group when it opens a parenthesis. */
    void skipItem() {
        if (is("(") || is("[")) {
            pos = Math.min(closing(pos) + 1, end);
        } else {
            pos++;
        }
    }

    /** Splits what is left at commas outside parentheses and brackets; empty parts are dropped. */
    List<Cursor> split() {
        List<Cursor> parts = new ArrayList<>();
        int start = pos;
        int depth = 0;
        for (int i = pos; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                if (i > start) {
                    parts.add(new Cursor(tokens, start, i));
                }
                start = i + 1;
            }
        }
        if (end > start) {
            parts.add(new Cursor(tokens, start, end));
        }
        pos = end;
        return parts;
    }

    /** The remaining tokens up to the first of {@code stops} outside parentheses (not consumed). */
    List<Token> until(String... stops) {
        List<Token> taken = new ArrayList<>();
        int depth = 0;
        while (pos < end) {
            Token t = tokens.get(pos);
            if (depth == 0 && isStop(t, stops)) {
                break;
            }
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            }
            taken.add(t);
            pos++;
        }
        return taken;
    }

    /** Whether one of these keywords appears anywhere ahead outside parentheses. */
    boolean hasAhead(String word) {
        int depth = 0;
        for (int i = pos; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && matches(t, word)) {
                return true;
            }
        }
        return false;
    }

    /** Every remaining token, consumed. */
    List<Token> rest() {
        List<Token> taken = new ArrayList<>(tokens.subList(pos, end));
        pos = end;
        return taken;
    }

    private static boolean isStop(Token t, String[] stops) {
        for (String stop : stops) {
            if (matches(t, stop)) {
                return true;
            }
        }
        return false;
    }

    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if ((t.isSymbol(")") || t.isSymbol("]")) && --depth == 0) {
                return i;
            }
        }
        return end;
    }

    static boolean matches(Token t, String word) {
        return t != null && (t.isKeyword(word) || t.isSymbol(word));
    }

    /** An identifier as PostgreSQL sees it: unquoted words fold to lower case, quoted ones keep their case. */
    static String fold(Token t) {
        String text = t.text();
        if (t.type() == TokenType.QUOTED_IDENT && text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Tokens as one line of SQL: single spaces, none around dots or inside parentheses and brackets. */
    static String join(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            boolean tight = previous == null || previous.isSymbol(".") || previous.isSymbol("(")
                    || previous.isSymbol("[") || previous.isSymbol("::") || t.isSymbol(".") || t.isSymbol(")")
                    || t.isSymbol("]") || t.isSymbol(",") || t.isSymbol("::") || t.isSymbol("[")
                    || t.isSymbol("(") && previous.type() == TokenType.WORD;
            if (!tight) {
                out.append(' ');
            }
            out.append(t.text());
            previous = t;
        }
        return out.toString();
    }

    /** The value of a plain string literal ({@code 'a''b'} gives {@code a'b}); null for other tokens. */
    static String stringValue(Token t) {
        if (t == null || t.type() != TokenType.STRING) {
            return null;
        }
        String text = t.text();
        int start = text.indexOf('\'');
        if (start < 0 || text.length() < start + 2) {
            return null;
        }
        return text.substring(start + 1, text.length() - 1).replace("''", "'");
    }
}
