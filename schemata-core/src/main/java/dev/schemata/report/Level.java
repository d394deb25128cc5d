package dev.schemata.report;

import java.util.Locale;

/** How serious a finding is; only {@link #ERROR} makes the command fail, the other two inform. */
public enum Level {
    ERROR, WARNING, NOTICE;

    /** As GitHub's workflow commands and the reports name it: {@code error}, {@code warning}, {@code notice}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
