package dev.schemata.sql;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Cuts script text into tokens the way PostgreSQL's scanner (scan.l) and psql's (psqlscan.l) do, with
 * standard_conforming_strings on. It reads a {@link Reader} through a buffer that keeps only the current
 * token, plus whatever the caller asked to keep with {@link #keepFrom(long)} (the current statement), so a
 * script of any size is read in bounded memory.
 *
 * <p>Only the lexical rules that decide where a token ends are followed; values are not decoded (a
 * {@code U&'\0041'} stays as written) and malformed but terminated tokens (such as {@code 1abc}) are not
 * reported: the server does that when the statement runs.
 */
final class SqlLexer {
    private static final int EOF = -1;

    private final Reader reader;
    private final String source;

    // ---- input buffer: buf[0] is character number `base` of the input; pos is the next one to read ----
    private char[] buf = new char[8192];
    private long base;
    private int pos;
    private int limit;
    private boolean eof;
    /** Offset the caller needs kept in the buffer (the start of its statement), or -1. */
    private long keepFrom = -1;

    // ---- position of `pos` in the file ----
    private int line = 1;
    private int column = 1;

    // ---- the token being read, or the last one read ----
    private long tokenStart;
    private long tokenEnd;
    private int tokenLine;
    private int tokenColumn;

    SqlLexer(Reader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    /** The next token, or null at the end of the input. */
    Token next() {
        if (base == 0 && pos == 0 && peek(0) == '\uFEFF') {
            pos++; // a byte order mark is not part of the script and does not count as a column
        }
        skipWhitespace();
        tokenLine = line;
        tokenColumn = column;
        int c = peek(0);
        if (c == EOF) {
            return null;
        }
        TokenType type = scan(c);
        tokenEnd = base + pos;
        return new Token(type, text(tokenStart, tokenEnd), tokenLine, tokenColumn);
    }

    /** Offset in the input of the first character of the last token. */
    long tokenStart() {
        return tokenStart;
    }

    /** Offset in the input just after the last token. */
    long tokenEnd() {
        return tokenEnd;
    }

    /** The current line: right after a token, the line its last character is on. */
    int line() {
        return line;
    }

    /** Keeps the input from {@code offset} on readable through {@link #text}; -1 releases it. */
    void keepFrom(long offset) {
        keepFrom = offset;
    }

    /** The input between two offsets, which must lie in the kept part or in the last token. */
    String text(long from, long to) {
        return new String(buf, (int) (from - base), (int) (to - from));
    }

    /** Size of the buffer, to check that reading a long script does not pile up text. */
    int bufferCapacity() {
        return buf.length;
    }

    // ======================================================================================================
    // Lines, for what follows a statement's ';' and for COPY data
    // ======================================================================================================

    /** Skips blanks on the current line; true when something other than a line break or the end follows. */
    boolean skipBlanksOnLine() {
        int c;
        while ((c = peek(0)) == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\r') {
            advance();
            tokenStart = base + pos;
        }
        return c != EOF && c != '\n';
    }

    /** Whether a comment starts at the current position. */
    boolean atComment() {
        int c = peek(0);
        return (c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '*');
    }

    /** Consumes the line break at the current position, if any. */
    void skipLineBreak() {
        if (peek(0) == '\n') {
            advance();
        }
        tokenStart = base + pos;
    }

    /** The rest of the current line without its line break (a CR before the LF is dropped); null at the end. */
    String readLine() {
        tokenStart = base + pos;
        if (peek(0) == EOF) {
            return null;
        }
        int n = 0;
        int c;
        while ((c = peek(n)) != EOF && c != '\n') {
            n++;
        }
        int length = n > 0 && buf[pos + n - 1] == '\r' ? n - 1 : n;
        String result = new String(buf, pos, length);
        advance(c == '\n' ? n + 1 : n);
        tokenStart = base + pos;
        return result;
    }

    // ======================================================================================================
    // Tokens
    // ======================================================================================================

    private void skipWhitespace() {
        tokenStart = base + pos;
        while (isSpace(peek(0))) {
            advance();
            tokenStart = base + pos;
        }
    }

    /** Reads one token starting with {@code c} and says what it was. */
    private TokenType scan(int c) {
        int next = peek(1);
        switch (c) {
            case '\'':
                quoted(false, true, "quoted string");
                return TokenType.STRING;
            case '"':
                quotedIdentifier();
                return TokenType.QUOTED_IDENT;
            case '$':
                return dollar();
            case '\\':
                // psql takes a backslash outside quotes as the start of a meta-command running to the line end
                advanceToLineEnd();
                return TokenType.PSQL_META;
            case '(': case ')': case ',': case ';': case '[': case ']':
                advance();
                return TokenType.PUNCT;
            case ':':
                if (next == ':' || next == '=') {
                    advance(2);
                    return TokenType.OPERATOR;
                }
                advance();
                return TokenType.PUNCT;
            case '.':
                if (isDigit(next)) {
                    number();
                    return TokenType.NUMBER;
                }
                if (next == '.') {
                    advance(2);
                    return TokenType.OPERATOR;
                }
                advance();
                return TokenType.PUNCT;
            default:
                break;
        }
        if (c == '-' && next == '-') {
            advanceToLineEnd();
            return TokenType.LINE_COMMENT;
        }
        if (c == '/' && next == '*') {
            blockComment();
            return TokenType.BLOCK_COMMENT;
        }
        if (isDigit(c)) {
            number();
            return TokenType.NUMBER;
        }
        if (isIdentStart(c)) {
            return wordOrPrefixedLiteral(c, next);
        }
        if (isOperatorChar(c)) {
            operator();
            return TokenType.OPERATOR;
        }
        advance(); // a character no rule knows (such as '{'): the server rejects it, it cannot hide a ';'
        return TokenType.PUNCT;
    }

    /** A word, unless the letters are the prefix of a literal: E'..', B'..', X'..', N'..', U&'..', U&"..". */
    private TokenType wordOrPrefixedLiteral(int c, int next) {
        if (next == '\'') {
            switch (c) {
                case 'e': case 'E':
                    advance();
                    quoted(true, true, "quoted string");
                    return TokenType.ESCAPE_STRING;
                case 'b': case 'B':
                    advance();
                    quoted(false, false, "bit string literal");
                    return TokenType.BIT_STRING;
                case 'x': case 'X':
                    advance();
                    quoted(false, false, "hexadecimal string literal");
                    return TokenType.BIT_STRING;
                case 'n': case 'N':
                    advance();
                    quoted(false, true, "quoted string");
                    return TokenType.STRING;
                default:
                    break;
            }
        }
        if ((c == 'u' || c == 'U') && next == '&') {
            int third = peek(2);
            if (third == '\'') {
                advance(2);
                quoted(false, true, "quoted string");
                unicodeEscapeClause();
                return TokenType.UNICODE_STRING;
            }
            if (third == '"') {
                advance(2);
                quotedIdentifier();
                unicodeEscapeClause();
                return TokenType.QUOTED_IDENT;
            }
        }
        advance();
        while (isIdentCont(peek(0))) {
            advance();
        }
        return TokenType.WORD;
    }

    /**
     * A quoted literal from its opening quote. {@code backslashEscapes}: E'..' (a backslash escapes any
     * character, the quote included); {@code doubledQuotes}: '' stands for a quote (not so in B'..'/X'..').
     * Like PostgreSQL, a literal followed by white space that holds a line break and then another quote
     * goes on in that second part ('a'⏎'b' is 'ab').
     */
    private void quoted(boolean backslashEscapes, boolean doubledQuotes, String what) {
        advance(); // opening quote
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw unterminated(what);
            }
            if (c == '\\' && backslashEscapes) {
                if (peek(1) == EOF) {
                    throw unterminated(what);
                }
                advance(2);
            } else if (c == '\'') {
                if (doubledQuotes && peek(1) == '\'') {
                    advance(2);
                    continue;
                }
                advance();
                int continuation = continuationLength();
                if (continuation < 0) {
                    return;
                }
                advance(continuation); // up to and including the quote that opens the next part
            } else {
                advance();
            }
        }
    }

    /**
     * Length of the gap up to and including the quote that continues a literal, or -1 if there is none.
     * PostgreSQL's rule: blanks and {@code --} comments, a line break, then any white space and whole-line
     * comments, then a quote.
     */
    private int continuationLength() {
        int k = 0;
        while (true) { // blanks and comments on the rest of the line
            int c = peek(k);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                k++;
            } else if (c == '-' && peek(k + 1) == '-') {
                k = lineEndFrom(k + 2);
            } else {
                break;
            }
        }
        int c = peek(k);
        if (c != '\n' && c != '\r') {
            return -1;
        }
        while (true) {
            c = peek(k);
            if (isSpace(c)) {
                k++;
            } else if (c == '-' && peek(k + 1) == '-') {
                k = lineEndFrom(k + 2);
                if (peek(k) == EOF) {
                    return -1;
                }
            } else {
                return c == '\'' ? k + 1 : -1;
            }
        }
    }

    /** Offset (from pos) of the first line break or the end of input at or after offset {@code k}. */
    private int lineEndFrom(int k) {
        int c;
        while ((c = peek(k)) != EOF && c != '\n' && c != '\r') {
            k++;
        }
        return k;
    }

    /** A "quoted identifier" from its opening quote; "" stands for a quote. */
    private void quotedIdentifier() {
        advance();
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw unterminated("quoted identifier");
            }
            advance();
            if (c == '"') {
                if (peek(0) != '"') {
                    return;
                }
                advance();
            }
        }
    }

    /** The optional {@code UESCAPE 'c'} after a U&amp; literal or identifier, made part of that token. */
    private void unicodeEscapeClause() {
        int k = 0;
        while (isSpace(peek(k))) {
            k++;
        }
        String keyword = "uescape";
        for (int i = 0; i < keyword.length(); i++) {
            int c = peek(k + i);
            if (c == EOF || Character.toLowerCase((char) c) != keyword.charAt(i)) {
                return;
            }
        }
        k += keyword.length();
        if (isIdentCont(peek(k))) {
            return;
        }
        while (isSpace(peek(k))) {
            k++;
        }
        int escape = peek(k + 1);
        if (peek(k) == '\'' && escape != EOF && escape != '\'' && peek(k + 2) == '\'') {
            advance(k + 3);
        }
    }

    /**
     * At a '$': a parameter ($1), a dollar-quoted string ($$..$$, $tag$..$tag$, where the tag follows
     * identifier rules without '$'), or a lone '$'. A '$' inside a word (a$b) never gets here: it is part
     * of the word, as in PostgreSQL.
     */
    private TokenType dollar() {
        int next = peek(1);
        if (isDigit(next)) {
            advance();
            digits();
            return TokenType.PARAM;
        }
        int k = 1;
        if (isIdentStart(next)) {
            k = 2;
            while (isIdentStart(peek(k)) || isDigit(peek(k))) {
                k++;
            }
        }
        if (peek(k) != '$') {
            advance();
            return TokenType.PUNCT;
        }
        String tag = new String(buf, pos, k + 1);
        advance(k + 1);
        // The body ends at the first occurrence of the tag: what PostgreSQL's rescanning amounts to.
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw unterminated("dollar-quoted string " + tag);
            }
            if (c == '$' && startsWith(tag)) {
                advance(tag.length());
                return TokenType.DOLLAR_STRING;
            }
            advance();
        }
    }

    private boolean startsWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (peek(i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A {@code /* *}{@code /} comment; they nest in PostgreSQL. */
    private void blockComment() {
        advance(2);
        int depth = 1;
        while (depth > 0) {
            int c = peek(0);
            if (c == EOF) {
                throw unterminated("/* comment");
            }
            int next = peek(1);
            if (c == '/' && next == '*') {
                depth++;
                advance(2);
            } else if (c == '*' && next == '/') {
                depth--;
                advance(2);
            } else {
                advance();
            }
        }
    }

    /**
     * Numbers: 42, 1_000, 0x1F, 0o17, 0b101, 1.5, .5, 1., 1e10, 1.5E-3. "1..5" is 1 followed by "..".
     */
    private void number() {
        int c = peek(0);
        int radix = c == '0' ? radixOf(peek(1)) : 10;
        if (radix != 10 && (isDigitOf(peek(2), radix) || peek(2) == '_' && isDigitOf(peek(3), radix))) {
            advance(2);
            while (isDigitOf(peek(0), radix) || peek(0) == '_' && isDigitOf(peek(1), radix)) {
                advance();
            }
            return;
        }
        if (c != '.') {
            digits();
        }
        if (peek(0) == '.' && peek(1) != '.') {
            advance();
            if (isDigit(peek(0))) {
                digits();
            }
        }
        c = peek(0);
        if (c == 'e' || c == 'E') {
            int k = peek(1) == '+' || peek(1) == '-' ? 2 : 1;
            if (isDigit(peek(k))) {
                advance(k);
                digits();
            }
        }
    }

    /** Decimal digits, with single underscores between them (1_000). */
    private void digits() {
        while (isDigit(peek(0)) || peek(0) == '_' && isDigit(peek(1))) {
            advance();
        }
    }

    private static int radixOf(int c) {
        switch (c) {
            case 'x': case 'X':
                return 16;
            case 'o': case 'O':
                return 8;
            case 'b': case 'B':
                return 2;
            default:
                return 10;
        }
    }

    private static boolean isDigitOf(int c, int radix) {
        return c >= 0 && c < 128 && Character.digit(c, radix) >= 0;
    }

    /**
     * An operator: the longest run of operator characters, cut before any "--" or "/*" in it (those start
     * a comment even there), and without trailing '+' or '-' unless the run also holds one of ~!@#^&|`?%,
     * as PostgreSQL does so that "a=-1" reads as "=" and "-".
     */
    private void operator() {
        int n = 0;
        while (isOperatorChar(peek(n))) {
            n++;
        }
        for (int i = 1; i < n - 1; i++) {
            int c = peek(i);
            int next = peek(i + 1);
            if (c == '-' && next == '-' || c == '/' && next == '*') {
                n = i;
                break;
            }
        }
        int last = peek(n - 1);
        if (n > 1 && (last == '+' || last == '-')) {
            boolean keepsSign = false;
            for (int i = 0; i < n - 1; i++) {
                if ("~!@#^&|`?%".indexOf(peek(i)) >= 0) {
                    keepsSign = true;
                    break;
                }
            }
            while (!keepsSign && n > 1 && (peek(n - 1) == '+' || peek(n - 1) == '-')) {
                n--;
            }
        }
        advance(n);
    }

    private void advanceToLineEnd() {
        int c;
        while ((c = peek(0)) != EOF && c != '\n' && c != '\r') {
            advance();
        }
    }

    private SqlSyntaxException unterminated(String what) {
        return new SqlSyntaxException(source, tokenLine, "unterminated " + what + " starting here");
    }

    // ======================================================================================================
    // Character classes (PostgreSQL treats every non-ASCII character as a letter)
    // ======================================================================================================

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(int c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isOperatorChar(int c) {
        switch (c) {
            case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '?':
            case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '=':
                return true;
            default:
                return false;
        }
    }

    // ======================================================================================================
    // Buffer
    // ======================================================================================================

    /** The character {@code k} places ahead, or EOF. */
    private int peek(int k) {
        if (pos + k >= limit && !fill(k + 1)) {
            return EOF;
        }
        return buf[pos + k];
    }

    /** Moves past one character that {@link #peek} has already seen. */
    private void advance() {
        if (buf[pos++] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            advance();
        }
    }

    /** Reads until {@code needed} characters from pos are in the buffer; false if the input ends first. */
    private boolean fill(int needed) {
        while (limit - pos < needed) {
            if (eof) {
                return false;
            }
            if (limit == buf.length) {
                makeRoom();
            }
            int n;
            try {
                n = reader.read(buf, limit, buf.length - limit);
            } catch (IOException e) {
                throw new SqlSyntaxException(source, line, "cannot read the script: " + e.getMessage(), e);
            }
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return true;
    }

    /** Drops what nobody needs any more from the front of the buffer; grows it if it stays over half full. */
    private void makeRoom() {
        long keep = keepFrom >= 0 ? Math.min(keepFrom, tokenStart) : tokenStart;
        int drop = (int) (keep - base);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, limit - drop);
            pos -= drop;
            limit -= drop;
            base += drop;
        }
        if (limit > buf.length / 2) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }
}
