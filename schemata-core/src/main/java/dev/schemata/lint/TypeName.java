package dev.schemata.lint;

import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column type, reduced to what the rules compare: one spelling per built-in type ({@code int4},
 * {@code integer} and {@code int} are all {@code integer}), its numeric modifiers, and whether it is an
 * array.
 *
 * @param base      the canonical name: {@code integer}, {@code varchar}, {@code timestamptz}, {@code char},
 *                  ...; the internal one-byte type is {@code "char"} with its quotes; other names as written,
 *                  folded, without a {@code pg_catalog.} prefix
 * @param modifiers the numbers in parentheses ({@code varchar(255)} gives [255]); empty when there are none
 * @param array     whether it is an array of that type
 * @param text      the type as written, for messages
 */
record TypeName(String base, List<Integer> modifiers, boolean array, String text) {
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
            Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"),
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("national character varying", "varchar"), Map.entry("nchar varying", "varchar"),
            Map.entry("character", "char"), Map.entry("bpchar", "char"), Map.entry("nchar", "char"),
            Map.entry("national character", "char"), Map.entry("national char", "char"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"), Map.entry("bool", "boolean"),
            Map.entry("bit varying", "varbit"));

    TypeName {
        Objects.requireNonNull(base, "base");
        modifiers = List.copyOf(modifiers);
    }

    boolean is(String... bases) {
        for (String b : bases) {
            if (base.equals(b)) {
                return true;
            }
        }
        return false;
    }

    boolean isSerial() {
        return !array && is("serial", "bigserial", "smallserial");
    }

    /** The first modifier ({@code varchar(255)} gives 255), or -1 when there is none. */
    int length() {
        return modifiers.isEmpty() ? -1 : modifiers.get(0);
    }

    /** Reads a type from its tokens, such as those of {@code character varying(255)[]}; null if there are none. */
    static TypeName read(List<Token> tokens) {
        List<String> words = new ArrayList<>();
        List<Integer> modifiers = new ArrayList<>();
        boolean array = false;
        boolean quotedFirst = false;
        boolean afterDot = false;
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                depth++;
                continue;
            }
            if (t.isSymbol(")")) {
                depth--;
                continue;
            }
            if (t.isSymbol("[")) {
                array = true;
                depth++;
                continue;
            }
            if (t.isSymbol("]")) {
                depth--;
                continue;
            }
            if (depth > 0) {
                if (t.type() == TokenType.NUMBER && modifiers.size() < 2) {
                    try {
                        modifiers.add(Integer.parseInt(t.text()));
                    } catch (NumberFormatException e) {
                        // not a plain integer: not a length or precision the rules compare
                    }
                }
                continue;
            }
            if (t.isSymbol(".")) {
                afterDot = true;
                continue;
            }
            if (t.isKeyword("ARRAY")) {
                array = true;
                continue;
            }
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT) {
                String word = Cursor.fold(t);
                if (afterDot && !words.isEmpty()) {
                    // schema-qualified: keep the type's own name, drop pg_catalog, keep other schemas
                    String schema = words.remove(words.size() - 1);
                    word = schema.equals("pg_catalog") ? word : schema + "." + word;
                }
                if (words.isEmpty()) {
                    quotedFirst = t.type() == TokenType.QUOTED_IDENT;
                }
                words.add(word);
            }
            afterDot = false;
        }
        if (words.isEmpty()) {
            return null;
        }
        String joined = String.join(" ", words);
        String base;
        if (quotedFirst && joined.equals("char")) {
            base = "\"char\"";
        } else if (joined.startsWith("interval")) {
            base = "interval";
        } else if (joined.equals("float")) {
            base = !modifiers.isEmpty() && modifiers.get(0) <= 24 ? "real" : "double precision";
        } else {
            base = CANONICAL.getOrDefault(joined, joined);
        }
        return new TypeName(base, modifiers, array, Cursor.join(tokens));
    }

    /** Reads the output of {@code format_type()}, such as {@code character varying(255)}. */
    static TypeName parse(String text) {
        List<Statement> statements = SqlScanner.split(text, "format_type");
        return statements.isEmpty() ? null : read(statements.get(0).codeTokens());
    }

    @Override
    public String toString() {
        return text;
    }
}
