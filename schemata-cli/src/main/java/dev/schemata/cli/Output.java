package dev.schemata.cli;

import dev.schemata.connect.Redactor;
import dev.schemata.json.Json;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a command prints goes through here: results on stdout, notices and progress on stderr,
 * JSON when asked for, colors only on a terminal without NO_COLOR, and every line passed through the
 * redactor so that no password is ever printed.
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

    /** Shows password literals in SQL text from now on (URL passwords and known secrets stay masked). */
    void showSqlLiterals() {
        redactor = redactor.showingSqlLiterals();
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

    /** The JSON document of a command, on stdout. */
    public void json(Object document) {
        out.println(redactor.redact(Json.pretty(maskSql(document))));
        out.flush();
    }

    /**
     * The document with SQL password literals masked in each string, before it is written: masking the
     * written text instead could not tell where a literal cut short ends, and might break the JSON.
     */
    private Object maskSql(Object value) {
        if (value instanceof String text) {
            return redactor.redactSql(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(k, maskSql(v)));
            return masked;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::maskSql).toList();
        }
        return value;
    }

    /** A notice or progress line on stderr, silenced by --quiet. */
    public void notice(String line) {
        if (!quiet) {
            err.println(redactor.redact(line));
            err.flush();
        }
    }

    /** A warning on stderr, shown even with --quiet. */
    public void warn(String line) {
        err.println(redactor.redact(paint("warning: ", "33") + line));
        err.flush();
    }

    void error(String message) {
        err.println(redactor.redact(paint("error: ", "31") + message));
        err.flush();
    }

    void raw(String text) {
        err.print(redactor.redact(text));
        err.flush();
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    /** Wraps text in an ANSI color when colors are on. */
    public String paint(String text, String ansiCode) {
        return color ? "\u001b[" + ansiCode + "m" + text + "\u001b[0m" : text;
    }
}
