package dev.schemata;

import java.util.Objects;

/**
 * The one exception type the library throws for anything a user can act on. The message is written for
 * the user (it names the file, line, object or setting and the next step); the code says which exit code
 * the CLI returns.
 */
public class SchemataException extends RuntimeException {
    private final ErrorCode code;

    public SchemataException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SchemataException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
