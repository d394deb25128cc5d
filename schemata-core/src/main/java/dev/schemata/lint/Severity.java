package dev.schemata.lint;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.Locale;

/** How serious a finding is. An {@link #ERROR} left in the files makes {@code schemata lint} exit 1. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The name used in output, options and configuration: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code error}, {@code warning} (or {@code warn}) and {@code info}, ignoring case. */
    public static Severity parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info" -> INFO;
            default -> throw new SchemataException(ErrorCode.BAD_USAGE,
                    "invalid severity \"" + text + "\": expected error, warning or info");
        };
    }
}
