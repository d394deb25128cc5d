package dev.schemata.report;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One thing a command found.
 *
 * @param level   how serious it is
 * @param file    the file it is about, relative to the working directory (the repository root in CI), or null
 * @param line    1-based line in that file, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param title   a short heading ("lint: adding-not-null-column", "down fails")
 * @param message the whole explanation; may span lines
 */
public record Finding(Level level, String file, int line, int column, String title, String message) {
    public Finding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        line = file == null ? 0 : Math.max(line, 0);
        column = line == 0 ? 0 : Math.max(column, 0);
    }

    /** {@code file:line:column}, {@code file:line}, {@code file}, or empty. */
    public String location() {
        if (file == null) {
            return "";
        }
        return file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "");
    }

    /** The same finding with every text passed through {@code f} (used to mask secrets before rendering). */
    Finding map(UnaryOperator<String> f) {
        return new Finding(level, file == null ? null : f.apply(file), line, column, f.apply(title), f.apply(message));
    }
}
