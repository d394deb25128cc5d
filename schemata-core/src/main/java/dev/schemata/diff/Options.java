package dev.schemata.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic options of foreign-data objects ({@code OPTIONS (name 'value', …)}), as the model keeps them:
 * one SQL fragment per option, the name as {@code quote_ident} prints it.
 */
final class Options {
    private Options() {
    }

    /** {@code  OPTIONS (…)} for a CREATE statement, with a leading space; empty when there are none. */
    static String clause(List<String> options) {
        return options.isEmpty() ? "" : " OPTIONS (" + String.join(", ", options) + ")";
    }

    /** {@code OPTIONS (ADD …, SET …, DROP …)} taking the first list to the second; null when they are equal. */
    static String change(List<String> from, List<String> to) {
        Map<String, String> a = byName(from);
        Map<String, String> b = byName(to);
        List<String> parts = new ArrayList<>();
        a.forEach((name, option) -> {
            if (!b.containsKey(name)) {
                parts.add("DROP " + name);
            }
        });
        b.forEach((name, option) -> {
            if (!a.containsKey(name)) {
                parts.add("ADD " + option);
            } else if (!a.get(name).equals(option)) {
                parts.add("SET " + option);
            }
        });
        return parts.isEmpty() ? null : "OPTIONS (" + String.join(", ", parts) + ")";
    }

    private static Map<String, String> byName(List<String> options) {
        Map<String, String> byName = new LinkedHashMap<>();
        options.forEach(option -> byName.put(name(option), option));
        return byName;
    }

    /** The option's name: a quoted identifier up to its closing quote, else everything before the first space. */
    static String name(String option) {
        if (option.startsWith("\"")) {
            int i = 1;
            while (i < option.length()) {
                if (option.charAt(i) == '"') {
                    if (i + 1 < option.length() && option.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    return option.substring(0, i + 1);
                }
                i++;
            }
            return option;
        }
        int space = option.indexOf(' ');
        return space < 0 ? option : option.substring(0, space);
    }
}
