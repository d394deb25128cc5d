package dev.schemata.sql;

/** The kinds of token {@link SqlScanner} reports. White space is never a token; comments are. */
public enum TokenType {
    /** An unquoted identifier or keyword, as written ({@code create}, {@code users}, {@code x$1}). */
    WORD,
    /** {@code "quoted identifier"} or {@code U&"d\0061t\+000061"}, with its optional {@code UESCAPE '!'}. */
    QUOTED_IDENT,
    /** {@code 'text'} or {@code N'text'}; a doubled quote is a quote; continuation lines are included. */
    STRING,
    /** {@code E'text'}, where a backslash escapes the next character. */
    ESCAPE_STRING,
    /** {@code U&'\0041'}, with its optional {@code UESCAPE '!'}. */
    UNICODE_STRING,
    /** {@code B'0101'} or {@code X'1F'}. */
    BIT_STRING,
    /** {@code $$body$$} or {@code $tag$body$tag$}. */
    DOLLAR_STRING,
    /** An integer or decimal number ({@code 42}, {@code 1.5e-3}, {@code 0x1F}, {@code 1_000}). */
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAM,
    /** A run of operator characters such as {@code ::}, {@code ->>}, {@code @>}, {@code <=}, {@code ||}. */
    OPERATOR,
    /** One of {@code ( ) , ; [ ] . :}, or any other single character the server would reject. */
    PUNCT,
    /** {@code -- text} up to the end of the line (the line break is not part of it). */
    LINE_COMMENT,
    /** {@code /* text *}{@code /}, possibly nested. */
    BLOCK_COMMENT,
    /** A psql backslash command up to the end of its line, such as {@code \set x 1}. */
    PSQL_META
}
