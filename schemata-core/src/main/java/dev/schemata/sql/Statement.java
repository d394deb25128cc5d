package dev.schemata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One statement of a script, as psql would send it to the server.
 *
 * @param sql      the statement text exactly as in the file, from its first to its last token that is not a
 *                 comment (comments between them are kept), without the terminating {@code ;}
 * @param line     1-based line of its first token that is not a comment
 * @param endLine  line of the terminating {@code ;}; without one, the line where the last token ends; for
 *                 {@code COPY ... FROM STDIN}, the line of the closing {@code \.}
 * @param column   1-based column of its first token that is not a comment
 * @param tokens   its tokens in file order, without white space and without the terminating {@code ;};
 *                 comments are included: those inside it, those directly above it (an unbroken run of
 *                 comments ending on the line before it or on its own line) and those after its {@code ;}
 *                 on the same line, so that a hint such as {@code -- schemata:lint-ignore rule} is found
 * @param copyData for {@code COPY ... FROM STDIN}, the data lines up to but excluding the {@code \.} line,
 *                 each ending in {@code \n}; otherwise null
 */
public record Statement(String sql, int line, int endLine, int column, List<Token> tokens, String copyData) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        tokens = List.copyOf(tokens);
    }

    /** The tokens that are not comments. */
    public List<Token> codeTokens() {
        List<Token> code = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            if (!token.isComment()) {
                code.add(token);
            }
        }
        return code;
    }

    /** The comments that belong to this statement (see {@link #tokens()}). */
    public List<Token> comments() {
        List<Token> comments = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isComment()) {
                comments.add(token);
            }
        }
        return comments;
    }
}
