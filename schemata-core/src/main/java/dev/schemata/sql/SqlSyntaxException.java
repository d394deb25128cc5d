package dev.schemata.sql;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

/** A script cannot be split into statements: the message starts with {@code source:line: }. */
public final class SqlSyntaxException extends SchemataException {
    private final String source;
    private final int line;

    public SqlSyntaxException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    public SqlSyntaxException(String source, int line, String problem, Throwable cause) {
        super(ErrorCode.BAD_INPUT, source + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    /** The file name the script was read from, as given to {@link SqlScanner}. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem starts on. */
    public int line() {
        return line;
    }
}
