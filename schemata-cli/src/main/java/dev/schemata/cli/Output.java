package dev.schemata.cli;

import dev.schemata.connect.Redactor;
import dev.schemata.json.Json;

import java.io.PrintWriter;

/**
 * Everything a command prints goes through here: results on stdout, notices and progress on stderr,
 * JSON when asked for, colors only on a terminal without NO_COLOR, and every line passed through the
 * redactor so that no password is ever printed (diagnostics also without SQL password literals).
 */
public final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final boolean color;
    private Redactor redactor;

    Output(CliContext context, GlobalOptions options) {
        this.out = context.out();
        this.err = context.err();
        this.json = options.json;
        this.quiet = options.quiet;
        this.color = context.interactive() && !options.noColor && context.env().get("NO_COLOR").isEmpty();
        this.redactor = Redactor.none();
    }

    /** Masks this secret wherever it appears from now on. */
    void addSecret(String secret) {
        if (secret != null) {
            redactor = redactor.with(secret);
        }
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    /** A result line on stdout (human output only; JSON goes through {@link #json(Object)}). */
    public void result(String line) {
        if (!json) {
            out.println(redactor.redact(line));
            out.flush();
        }
    }

    /**
     * A result that is meant to carry a password (only {@code dev url}, whose output goes to psql): on stdout,
     * unmasked, as a JSON document with {@code --json}.
     */
    void resultWithSecret(String line, Object jsonDocument) {
        out.println(json ? Json.pretty(jsonDocument) : line);
        out.flush();
    }

    /**
     * The JSON document of a command, on stdout, written as it is produced (each string redacted on its own,
     * before it is escaped): ten thousand migrations are not first built into one text and then searched.
     */
    public void json(Object document) {
        Json.pretty(document, out, redactor::redact);
        out.println();
        out.flush();
    }

    /** A notice or progress line on stderr, silenced by --quiet. */
    public void notice(String line) {
        if (!quiet) {
            err.println(diagnostic(line));
            err.flush();
        }
    }

    /** A warning on stderr, shown even with --quiet. */
    public void warn(String line) {
        err.println(diagnostic(paint("warning: ", "33") + line));
        err.flush();
    }

    void error(String message) {
        err.println(diagnostic(paint("error: ", "31") + message));
        err.flush();
    }

    void raw(String text) {
        err.print(diagnostic(text));
        err.flush();
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    /**
     * A notice, warning, error or trace as shown: also without password literals in SQL text, which a
     * server message can quote (the context of a failed {@code ALTER ROLE … PASSWORD '…'}). Results on
     * stdout keep their SQL as it is: scripts (dry runs, diffs, dumps) must still run as printed.
     */
    String diagnostic(String text) {
        return redactor.redact(Redactor.maskSql(text));
    }

    /** Wraps text in an ANSI color when colors are on. */
    public String paint(String text, String ansiCode) {
        return color ? "\u001b[" + ansiCode + "m" + text + "\u001b[0m" : text;
    }
}
