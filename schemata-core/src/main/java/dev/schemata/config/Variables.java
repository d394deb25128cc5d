package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Environment;

/**
 * Expands {@code ${NAME}} in configuration values from the process environment; {@code $${} stands for a
 * literal {@code ${}. An undefined (or empty) variable is an error naming file, line, key and variable,
 * because a silently empty URL or directory would point a command at the wrong place.
 */
final class Variables {
    private Variables() {
    }

    /** @param strict false to leave undefined variables as written (to check a file's shape without its values) */
    static String expand(String value, Environment env, boolean strict, String where, String key) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int close = value.indexOf('}', i);
                if (close < 0) {
                    throw new SchemataException(ErrorCode.BAD_CONFIG, where + ": " + key + " has an unclosed ${ (write $${ for a literal ${)");
                }
                String name = value.substring(i + 2, close);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new SchemataException(ErrorCode.BAD_CONFIG, where + ": " + key + " refers to ${" + name
                            + "}, which is not a valid variable name");
                }
                String resolved = env.get(name).orElse(null);
                if (resolved == null) {
                    if (strict) {
                        throw new SchemataException(ErrorCode.BAD_CONFIG, where + ": " + key + " refers to ${" + name
                                + "}, which is not set in the environment");
                    }
                    out.append(value, i, close + 1);
                } else {
                    out.append(resolved);
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
