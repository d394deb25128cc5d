package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the part of TOML that {@code schemata.toml} needs: comments, {@code [table]} headers (dotted and
 * quoted keys), {@code key = value} with dotted keys, basic and literal strings, integers, booleans and
 * single-type arrays of them (over several lines, with a trailing comma). Everything else TOML has
 * (floats, dates, inline tables, multi-line strings, arrays of tables) is reported as not supported,
 * naming the line, rather than misread. Every error is "file:line: cause".
 */
final class TomlParser {
    private final String file;
    private final String text;
    private int pos;
    private int line = 1;

    private TomlParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Parses a whole document into its root table. */
    static TomlTable parse(String file, String text) {
        return new TomlParser(file, text.startsWith("\uFEFF") ? text.substring(1) : text).document();
    }

    private TomlTable document() {
        TomlTable root = new TomlTable(1);
        TomlTable current = root;
        while (true) {
            skipBlankLines();
            if (pos >= text.length()) {
                return root;
            }
            if (peek() == '[') {
                int headerLine = line;
                pos++;
                if (peek() == '[') {
                    throw error("arrays of tables ([[...]]) are not supported in schemata.toml");
                }
                skipSpaces();
                List<String> keys = keyPath();
                skipSpaces();
                expect(']', "']' to close the table header");
                endOfLine();
                current = descend(root, keys, headerLine, true);
            } else {
                int keyLine = line;
                List<String> keys = keyPath();
                skipSpaces();
                expect('=', "'=' after the key " + String.join(".", keys));
                skipSpaces();
                Object value = value();
                endOfLine();
                TomlTable table = descend(current, keys.subList(0, keys.size() - 1), keyLine, false);
                String last = keys.get(keys.size() - 1);
                if (table.get(last) != null) {
                    throw new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + keyLine + ": key " + String.join(".", keys)
                            + " is defined twice (first on line " + table.get(last).line() + ")");
                }
                table.put(last, new TomlTable.Entry(value, keyLine));
            }
        }
    }

    /** The table at a key path below {@code from}, created as needed. */
    private TomlTable descend(TomlTable from, List<String> keys, int atLine, boolean header) {
        TomlTable table = from;
        for (int i = 0; i < keys.size(); i++) {
            TomlTable.Entry entry = table.get(keys.get(i));
            if (entry == null) {
                TomlTable child = new TomlTable(atLine);
                table.put(keys.get(i), new TomlTable.Entry(child, atLine));
                table = child;
            } else if (entry.value() instanceof TomlTable child) {
                table = child;
            } else {
                throw new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + atLine + ": "
                        + String.join(".", keys.subList(0, i + 1)) + " is a value (line " + entry.line() + "), not a table");
            }
        }
        if (header) {
            if (table.isDefined()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + atLine + ": table [" + String.join(".", keys)
                        + "] is defined twice");
            }
            table.markDefined();
        }
        return table;
    }

    // ---------------------------------------------------------------- keys

    private List<String> keyPath() {
        List<String> keys = new ArrayList<>();
        while (true) {
            keys.add(key());
            skipSpaces();
            if (peek() != '.') {
                return keys;
            }
            pos++;
            skipSpaces();
        }
    }

    private String key() {
        char c = peek();
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = pos;
        while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(pos >= text.length() || c == '\n' ? "a key is missing" : "unexpected character '" + c + "' where a key should be");
        }
        return text.substring(start, pos);
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    // ---------------------------------------------------------------- values

    private Object value() {
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = peek();
        if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) {
                throw error("multi-line strings are not supported in schemata.toml");
            }
            return basicString();
        }
        if (c == '\'') {
            if (text.startsWith("'''", pos)) {
                throw error("multi-line strings are not supported in schemata.toml");
            }
            return literalString();
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            throw error("inline tables are not supported in schemata.toml; use a [table] header");
        }
        if (text.startsWith("true", pos) && !bareContinues(pos + 4)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos) && !bareContinues(pos + 5)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw error("unexpected value starting with '" + c + "' (strings need quotes)");
    }

    private boolean bareContinues(int at) {
        return at < text.length() && isBareKeyChar(text.charAt(at));
    }

    private Long integer() {
        int start = pos;
        if (peek() == '+' || peek() == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
                || text.charAt(pos) == ':' || text.charAt(pos) == '-' || text.charAt(pos) == 'x')) {
            throw error("only whole decimal numbers are supported in schemata.toml (no floats, dates or hex)");
        }
        String digits = text.substring(start, pos).replace("_", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("invalid number \"" + text.substring(start, pos) + "\"");
        }
    }

    private List<Object> array() {
        int startLine = line;
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipBlankLines();
            if (pos >= text.length()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + startLine + ": the array is not closed with ']'");
            }
            if (peek() == ']') {
                pos++;
                return List.copyOf(items);
            }
            Object item = value();
            if (item instanceof List) {
                throw error("nested arrays are not supported in schemata.toml");
            }
            if (!items.isEmpty() && items.get(0).getClass() != item.getClass()) {
                throw error("an array must hold values of one type");
            }
            items.add(item);
            skipBlankLines();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in the array");
            }
        }
    }

    private String basicString() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error("the string is not closed with '\"' on this line");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("the string ends in an escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    if (pos + n > text.length()) {
                        throw error("incomplete \\" + e + " escape");
                    }
                    try {
                        out.appendCodePoint(Integer.parseInt(text.substring(pos, pos + n), 16));
                    } catch (IllegalArgumentException ex) {
                        throw error("invalid \\" + e + " escape");
                    }
                    pos += n;
                }
                default -> throw error("invalid escape \\" + e + " in a string (use '...' for text with backslashes)");
            }
        }
    }

    private String literalString() {
        pos++;
        int start = pos;
        while (pos < text.length() && peek() != '\'' && peek() != '\n') {
            pos++;
        }
        if (pos >= text.length() || peek() != '\'') {
            throw error("the string is not closed with \"'\" on this line");
        }
        return text.substring(start, pos++);
    }

    // ---------------------------------------------------------------- whitespace

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    /** Spaces, comments and line ends. */
    private void skipBlankLines() {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
            } else if (c == '#') {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void endOfLine() {
        skipSpaces();
        if (peek() == '#') {
            while (pos < text.length() && peek() != '\n') {
                pos++;
            }
        }
        if (peek() == '\r') {
            pos++;
        }
        if (pos >= text.length()) {
            return;
        }
        if (peek() != '\n') {
            throw error("unexpected text after the value: \"" + restOfLine() + "\"");
        }
        pos++;
        line++;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw error("expected " + what);
        }
        pos++;
    }

    private String restOfLine() {
        int end = text.indexOf('\n', pos);
        return text.substring(pos, end < 0 ? text.length() : end).strip();
    }

    private SchemataException error(String message) {
        return new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + line + ": " + message);
    }
}
