package dev.schemata.history;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the history lives: schema and table name, {@code public.schema_migrations} by default.
 */
public record HistoryTable(String schema, String name) {
    public static final HistoryTable DEFAULT = new HistoryTable("public", "schema_migrations");
    /** The longest table name: PostgreSQL cuts names at 63 bytes, and the side table adds "_sizes". */
    private static final int MAX_NAME_BYTES = 63 - "_sizes".length();
    /** A name PostgreSQL reads unquoted as itself. */
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    public HistoryTable {
        if (name == null || name.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the history table name must not be empty");
        }
        if (schema == null || schema.isBlank()) {
            schema = "public";
        }
    }

    /**
     * Reads {@code table} or {@code schema.table} as PostgreSQL reads a qualified name: each part an identifier,
     * folded to lower case unless double-quoted ({@code public."My History"}), with {@code ""} for a quote
     * inside quotes; the schema is {@code public} when not given.
     *
     * @throws SchemataException with {@code BAD_CONFIG} naming the text and what is wrong with it: not one or two
     *                           identifiers, three parts ({@code db.schema.table}), an empty or too long part
     */
    public static HistoryTable parse(String text) {
        List<Token> tokens;
        try {
            List<Statement> statements = SqlScanner.split(text, "history table");
            tokens = statements.size() == 1 ? statements.get(0).tokens() : null;
        } catch (SqlSyntaxException e) {
            tokens = null;
        }
        List<String> parts = new ArrayList<>(2);
        boolean expectName = true;
        for (Token token : tokens == null ? List.<Token>of() : tokens) {
            if (expectName && (token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENT)) {
                parts.add(identifier(token, text));
            } else if (expectName || !token.isSymbol(".")) {
                parts.clear();
                break;
            }
            expectName = !expectName;
        }
        if (parts.isEmpty() || expectName) {
            throw invalid(text, "expected [schema.]table, each an identifier, double-quoted when it holds other"
                    + " characters or capitals, as in public.schema_migrations or ops.\"Migration History\"");
        }
        if (parts.size() > 2) {
            throw invalid(text, "it has " + parts.size() + " parts; a history table is [schema.]table (quote a name"
                    + " holding a dot: \"a.b\")");
        }
        return parts.size() == 1 ? new HistoryTable("public", parts.get(0)) : new HistoryTable(parts.get(0), parts.get(1));
    }

    private static String identifier(Token token, String text) {
        String name;
        if (token.type() == TokenType.WORD) {
            // PostgreSQL folds only ASCII letters in a UTF-8 database.
            StringBuilder folded = new StringBuilder(token.text());
            for (int i = 0; i < folded.length(); i++) {
                char c = folded.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    folded.setCharAt(i, (char) (c + ('a' - 'A')));
                }
            }
            name = folded.toString();
        } else if (token.text().startsWith("\"")) {
            name = token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"");
        } else {
            throw invalid(text, "write the name in plain double quotes, not U&\"…\"");
        }
        if (name.isEmpty()) {
            throw invalid(text, "a quoted name is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw invalid(text, "\"" + name + "\" is longer than " + MAX_NAME_BYTES + " bytes (PostgreSQL cuts names at 63,"
                    + " and the side table " + name + "_sizes must stay distinct)");
        }
        return name;
    }

    private static SchemataException invalid(String text, String why) {
        return new SchemataException(ErrorCode.BAD_CONFIG, "invalid history table " + text + ": " + why);
    }

    /** The side table where {@code migrate} records table sizes before and after each run. */
    public HistoryTable sizesTable() {
        return new HistoryTable(schema, name + "_sizes");
    }

    /** Every table Schemata keeps for itself beside the user's schema: left out of schema comparisons. */
    public java.util.List<HistoryTable> ownTables() {
        return java.util.List.of(this, sizesTable());
    }

    /** The quoted, schema-qualified name for SQL. */
    public String sql() {
        return quote(schema) + "." + quote(name);
    }

    /** The name as it would be written in SQL, quoting only the parts that need it; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return written(schema) + "." + written(name);
    }

    private static String written(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : quote(identifier);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
