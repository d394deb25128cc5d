package dev.schemata.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table of a parsed {@code schemata.toml}: keys in file order, each value with the line it was written on,
 * so that every later error can name file, line and key. Values are {@code String}, {@code Long},
 * {@code Boolean}, {@code List} of those, or a nested {@code TomlTable}. Built only by {@link TomlParser}.
 */
final class TomlTable {
    /** One value and the line it came from. */
    record Entry(Object value, int line) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final int line;
    /** Whether a {@code [header]} defined it (a second header for the same table is an error). */
    private boolean defined;

    TomlTable(int line) {
        this.line = line;
    }

    int line() {
        return line;
    }

    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    Entry get(String key) {
        return entries.get(key);
    }

    boolean isDefined() {
        return defined;
    }

    void markDefined() {
        defined = true;
    }

    void put(String key, Entry entry) {
        entries.put(key, entry);
    }
}
