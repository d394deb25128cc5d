package dev.schemata.sql;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a PostgreSQL script into statements exactly where psql would send them to the server, one
 * statement at a time, keeping only the current statement in memory.
 *
 * <p>A {@code ;} ends a statement only outside literals, comments and parentheses, and outside the body of
 * a {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END} (tracked with psql's own
 * heuristic). Empty statements are dropped. {@code COPY ... FROM STDIN} takes the following lines up to a
 * {@code \.} line as its data. The psql meta-commands {@code \restrict} and <code>&#92;unrestrict</code>, written by
 * pg_dump, are skipped between statements; any other meta-command is an error, since a migration is run
 * by the application, not by psql.
 *
 * <p>Errors are {@link SqlSyntaxException}s naming the source and line; statements before the error have
 * already been returned by then.
 */
public final class SqlScanner {
    private final SqlLexer lexer;
    private final String source;
    /** Comments read since the last statement, to hand to the next one if they sit directly above it. */
    private final List<Token> pendingComments = new ArrayList<>();
    /** Sees every comment of the script, also those that belong to no statement. */
    private Consumer<Token> commentListener = comment -> { };

    /**
     * @param reader the script; the caller closes it
     * @param source the file name to use in error messages
     */
    public SqlScanner(Reader reader, String source) {
        this.source = source;
        this.lexer = new SqlLexer(reader, source);
    }

    /** All statements of {@code text}. */
    public static List<Statement> split(String text, String source) {
        SqlScanner scanner = new SqlScanner(new StringReader(text), source);
        List<Statement> statements = new ArrayList<>();
        for (Statement statement = scanner.next(); statement != null; statement = scanner.next()) {
            statements.add(statement);
        }
        return statements;
    }

    /**
     * Hands every comment of the script to {@code listener} as it is read, also those that belong to no
     * statement (separated from the next one by a blank line, or after the last): for directives that apply to
     * the whole file.
     */
    public SqlScanner onComment(Consumer<Token> listener) {
        this.commentListener = listener;
        return this;
    }

    /** The next statement, or null when the script has no more. */
    public Statement next() {
        Draft draft = null;
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            if (token.isComment()) {
                commentListener.accept(token);
                if (draft == null) {
                    addPendingComment(token);
                } else {
                    draft.tokens.add(token);
                }
            } else if (token.type() == TokenType.PSQL_META) {
                metaCommand(token, draft != null);
            } else if (token.isSymbol(";") && (draft == null || draft.endsAtSemicolon())) {
                if (draft != null) {
                    return finish(draft, token.line());
                }
                pendingComments.clear(); // an empty statement; comments above it belong to nothing
            } else {
                if (draft == null) {
                    draft = start(token);
                }
                draft.add(token, lexer.tokenEnd(), lexer.line());
            }
        }
        if (draft == null) {
            return null;
        }
        if (isCopyFromStdin(draft.tokens)) {
            throw missingEndOfCopy(draft);
        }
        return new Statement(lexer.text(draft.start, draft.end), draft.first.line(), draft.lastLine,
                draft.first.column(), draft.tokens, null);
    }

    /** Size of the read buffer, for tests that check a long script is read in bounded memory. */
    int bufferCapacity() {
        return lexer.bufferCapacity();
    }

    // ---- comments ---------------------------------------------------------------------------------------

    private void addPendingComment(Token comment) {
        if (!pendingComments.isEmpty() && !isDirectlyAbove(pendingComments.get(pendingComments.size() - 1),
                comment.line())) {
            pendingComments.clear(); // a blank line or more: the earlier comments are not part of this run
        }
        pendingComments.add(comment);
    }

    private static boolean isDirectlyAbove(Token comment, int line) {
        return comment.endLine() >= line - 1;
    }

    private Draft start(Token first) {
        Draft draft = new Draft(first, lexer.tokenStart());
        lexer.keepFrom(draft.start);
        if (!pendingComments.isEmpty()
                && isDirectlyAbove(pendingComments.get(pendingComments.size() - 1), first.line())) {
            draft.tokens.addAll(pendingComments);
        }
        pendingComments.clear();
        return draft;
    }

    // ---- end of a statement -----------------------------------------------------------------------------

    private Statement finish(Draft draft, int semicolonLine) {
        String sql = lexer.text(draft.start, draft.end);
        lexer.keepFrom(-1);
        // Comments after the ';' on its line describe this statement ("...; -- schemata:lint-ignore x").
        while (lexer.skipBlanksOnLine() && lexer.atComment()) {
            Token comment = lexer.next();
            commentListener.accept(comment);
            draft.tokens.add(comment);
        }
        if (!isCopyFromStdin(draft.tokens)) {
            return new Statement(sql, draft.first.line(), semicolonLine, draft.first.column(), draft.tokens,
                    null);
        }
        if (lexer.skipBlanksOnLine()) {
            throw new SqlSyntaxException(source, lexer.line(),
                    "COPY ... FROM STDIN must be the last thing on its line: its data starts on the next line");
        }
        lexer.skipLineBreak();
        StringBuilder data = new StringBuilder();
        while (true) {
            int line = lexer.line();
            String dataLine = lexer.readLine();
            if (dataLine == null) {
                throw missingEndOfCopy(draft);
            }
            if (dataLine.equals("\\.")) {
                return new Statement(sql, draft.first.line(), line, draft.first.column(), draft.tokens,
                        data.toString());
            }
            data.append(dataLine).append('\n');
        }
    }

    private SqlSyntaxException missingEndOfCopy(Draft draft) {
        return new SqlSyntaxException(source, draft.first.line(),
                "COPY ... FROM STDIN starting here has no end-of-data line \\. before the end of the file");
    }

    /** COPY ... FROM STDIN, with FROM STDIN outside parentheses ("COPY (SELECT .. FROM stdin) TO .." is not). */
    private static boolean isCopyFromStdin(List<Token> tokens) {
        int depth = 0;
        Token previous = null;
        boolean first = true;
        for (Token token : tokens) {
            if (token.isComment()) {
                continue;
            }
            if (first && !token.isKeyword("COPY")) {
                return false;
            }
            first = false;
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.isKeyword("STDIN") && previous != null && previous.isKeyword("FROM")) {
                return true;
            }
            previous = token;
        }
        return false;
    }

    // ---- psql meta-commands -----------------------------------------------------------------------------

    private void metaCommand(Token token, boolean insideStatement) {
        String text = token.text();
        int end = 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String command = text.substring(0, end);
        boolean skippable = command.equals("\\restrict") || command.equals("\\unrestrict");
        if (!skippable) {
            throw new SqlSyntaxException(source, token.line(),
                    "psql meta-command " + command + " is not supported in migrations");
        }
        if (insideStatement) {
            throw new SqlSyntaxException(source, token.line(),
                    "psql meta-command " + command + " inside a statement is not supported in migrations");
        }
    }

    // ---- the statement being read -----------------------------------------------------------------------

    /** A statement being read, with the state psql keeps to know whether a ';' ends it. */
    private static final class Draft {
        final Token first;
        final long start;
        final List<Token> tokens = new ArrayList<>();
        long end;
        int lastLine;

        int parenDepth;
        /** Open BEGIN and CASE blocks in a SQL-standard function body (BEGIN ATOMIC ... END). */
        int beginDepth;
        /** Words read so far, and the first letters of the leading ones that may spell CREATE [OR REPLACE]
         * FUNCTION|PROCEDURE ('c', 'o', 'r', 'f', 'p'; 0 for any other word). */
        int words;
        final char[] head = new char[4];

        Draft(Token first, long start) {
            this.first = first;
            this.start = start;
        }

        boolean endsAtSemicolon() {
            return parenDepth == 0 && beginDepth == 0;
        }

        void add(Token token, long tokenEnd, int tokenEndLine) {
            tokens.add(token);
            end = tokenEnd;
            lastLine = tokenEndLine;
            if (token.isSymbol("(")) {
                parenDepth++;
            } else if (token.isSymbol(")")) {
                if (parenDepth > 0) {
                    parenDepth--;
                }
            } else if (token.type() == TokenType.WORD) {
                trackFunctionBody(token);
            }
        }

        /** psql's heuristic (psqlscan.l, PostgreSQL 14+), so that we split where psql does. */
        private void trackFunctionBody(Token word) {
            if (words < head.length && isFunctionHeadWord(word)) {
                head[words] = Character.toLowerCase(word.text().charAt(0));
            }
            words++;
            boolean createsRoutine = head[0] == 'c'
                    && (head[1] == 'f' || head[1] == 'p'
                        || head[1] == 'o' && head[2] == 'r' && (head[3] == 'f' || head[3] == 'p'));
            if (!createsRoutine || parenDepth != 0) {
                return;
            }
            if (word.isKeyword("BEGIN")) {
                beginDepth++;
            } else if (word.isKeyword("CASE")) {
                if (beginDepth > 0) {
                    beginDepth++; // CASE also closes with END; it matters only inside a BEGIN
                }
            } else if (word.isKeyword("END")) {
                if (beginDepth > 0) {
                    beginDepth--;
                }
            }
        }

        private static boolean isFunctionHeadWord(Token word) {
            return word.isKeyword("CREATE") || word.isKeyword("OR") || word.isKeyword("REPLACE")
                    || word.isKeyword("FUNCTION") || word.isKeyword("PROCEDURE");
        }
    }
}
