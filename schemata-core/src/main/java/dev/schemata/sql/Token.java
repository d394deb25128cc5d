package dev.schemata.sql;

import java.util.Objects;

/**
 * One token of a script.
 *
 * @param type   what kind of token it is
 * @param text   the token exactly as written in the file (quotes, prefixes and comment markers included)
 * @param line   1-based line of its first character
 * @param column 1-based column of its first character, counted in UTF-16 characters (a tab counts as one)
 */
public record Token(TokenType type, String text, int line, int column) {

    public Token {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the unquoted word {@code keyword}, ignoring case ({@code "create"} is not CREATE). */
    public boolean isKeyword(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is the punctuation or operator {@code symbol}, such as {@code "("} or {@code "::"}. */
    public boolean isSymbol(String symbol) {
        return (type == TokenType.PUNCT || type == TokenType.OPERATOR) && text.equals(symbol);
    }

    /** Whether this is a {@code --} or {@code /* *}{@code /} comment. */
    public boolean isComment() {
        return type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT;
    }

    /** The line of its last character (tokens such as strings and block comments may span lines). */
    public int endLine() {
        int end = line;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                end++;
            }
        }
        return end;
    }
}
