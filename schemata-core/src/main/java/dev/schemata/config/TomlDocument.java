package dev.schemata.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Other TOML files Schemata reads (a fleet's target list), in the subset {@code schemata.toml} uses, as plain
 * values: tables become maps in file order; strings, integers, booleans and arrays stay as they are.
 */
public final class TomlDocument {
    private TomlDocument() {
    }

    /** Parses {@code text}; errors name {@code file} and the line. */
    public static Map<String, Object> parse(String file, String text) {
        return plain(TomlParser.parse(file, text));
    }

    private static Map<String, Object> plain(TomlTable table) {
        Map<String, Object> map = new LinkedHashMap<>();
        table.entries().forEach((key, entry) -> map.put(key, entry.value() instanceof TomlTable t ? plain(t)
                : entry.value() instanceof List<?> list ? List.copyOf(list) : entry.value()));
        return map;
    }
}
