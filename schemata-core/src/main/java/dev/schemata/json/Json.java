package dev.schemata.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes {@link Map}, {@link List}, {@link CharSequence}, {@link Number}, {@link Boolean} and null as JSON
 * (maps keep their order; other objects are written as their {@code toString()}), and parses JSON into the
 * same types ({@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Long} or {@code BigDecimal},
 * {@code Boolean}, null).
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0, UnaryOperator.identity());
        return out.toString();
    }

    /** Indented with two spaces, for output people also read. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 2, 0, UnaryOperator.identity());
        return out.toString();
    }

    /**
     * Writes {@link #pretty(Object)}'s text to {@code out} as it is produced, each string (keys included)
     * passed through {@code strings} before it is escaped: a large document is never held as one text, and
     * lists may be lazy {@link Iterable}s whose items are made as they are written.
     */
    public static void pretty(Object value, Appendable out, UnaryOperator<String> strings) {
        if (out instanceof StringBuilder) {
            write(value, out, 2, 0, strings);
            return;
        }
        Blocks blocks = new Blocks(out);
        write(value, blocks, 2, 0, strings);
        blocks.flush();
    }

    /**
     * Gathers the many small pieces of a document and hands them on a block at a time: a writer takes a
     * lock and makes its checks on every call, which adds up over ten thousand objects of ten fields each.
     */
    private static final class Blocks implements Appendable {
        private static final int SIZE = 16 * 1024;
        private final StringBuilder block = new StringBuilder(SIZE + 1024);
        private final Appendable out;

        Blocks(Appendable out) {
            this.out = out;
        }

        @Override
        public Appendable append(CharSequence text) {
            block.append(text);
            return full();
        }

        @Override
        public Appendable append(CharSequence text, int start, int end) {
            block.append(text, start, end);
            return full();
        }

        @Override
        public Appendable append(char c) {
            block.append(c);
            return full();
        }

        private Appendable full() {
            if (block.length() >= SIZE) {
                flush();
            }
            return this;
        }

        void flush() {
            try {
                out.append(block);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            block.setLength(0);
        }
    }

    private static void write(Object value, Appendable out, int indent, int depth, UnaryOperator<String> strings) {
        try {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                    || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Short) {
                out.append(value.toString());
            } else if (value instanceof Number n) {
                double d = n.doubleValue();
                out.append(Double.isFinite(d) ? String.valueOf(d) : "null");
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(i++ == 0 ? "" : ",");
                    newline(out, indent, depth + 1);
                    string(strings.apply(String.valueOf(e.getKey())), out);
                    out.append(indent < 0 ? ":" : ": ");
                    write(e.getValue(), out, indent, depth + 1, strings);
                }
                if (i > 0) {
                    newline(out, indent, depth);
                }
                out.append('}');
            } else if (value instanceof Iterable<?> list) {
                out.append('[');
                int i = 0;
                for (Object item : list) {
                    out.append(i++ == 0 ? "" : ",");
                    newline(out, indent, depth + 1);
                    write(item, out, indent, depth + 1, strings);
                }
                if (i > 0) {
                    newline(out, indent, depth);
                }
                out.append(']');
            } else {
                string(strings.apply(value.toString()), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void newline(Appendable out, int indent, int depth) throws IOException {
        if (indent >= 0) {
            out.append('\n');
            // Cut from one run of spaces rather than made anew on every line.
            for (int left = indent * depth; left > 0; left -= SPACES.length()) {
                out.append(SPACES, 0, Math.min(left, SPACES.length()));
            }
        }
    }

    private static final String SPACES = " ".repeat(32);

    /** A JSON string; the characters that need no escape are appended in runs, not one by one. */
    private static void string(String s, Appendable out) throws IOException {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null) {
                out.append(s, run, i).append(escaped);
                run = i + 1;
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Thrown for malformed JSON, with the character offset. */
    public static final class ParseException extends IllegalArgumentException {
        ParseException(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end of JSON");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (!peek('"')) {
                    throw error("expected a string key");
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek(']')) {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw error("unterminated string");
        }

        private Object number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String n = s.substring(start, pos);
            if (n.isEmpty()) {
                throw error("unexpected character '" + s.charAt(pos) + "'");
            }
            try {
                return n.matches("-?\\d+") ? (Object) Long.valueOf(n) : new BigDecimal(n);
            } catch (NumberFormatException e) {
                throw error("invalid number " + n);
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected token");
            }
            pos += word.length();
            return value;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        ParseException error(String message) {
            return new ParseException(message + " at offset " + pos);
        }
    }
}
