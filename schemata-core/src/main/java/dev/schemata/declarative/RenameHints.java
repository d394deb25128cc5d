package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.sql.Directives;
import dev.schemata.sql.Directives.Directive;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds rename hints in the {@code CREATE TABLE} statements of a schema file. A table hint is a comment
 * above the statement or before its opening parenthesis; a column hint is a comment inside the parentheses
 * on the line of a column definition (after it, or after its comma). A hint anywhere else, or on a table
 * constraint, is an error: it would otherwise be ignored and the rename silently become a drop.
 */
public final class RenameHints {
    private static final Pattern HINT = Pattern.compile("schemata:renamed-from\\s+(\\S+)");
    private static final Set<String> TABLE_ELEMENTS = Set.of("constraint", "primary", "unique", "check", "foreign",
            "exclude", "like");

    private RenameHints() {
    }

    public static List<RenameHint> find(SchemaFile file) {
        String text = file.read();
        // Every directive of the file is checked, as migrate checks those of migrations: one that is misspelt,
        // does nothing here, or belongs to no statement would be ignored, and the rename silently become a drop.
        List<Directive> directives = Directives.inScript(text, Directives.Place.SCHEMA_FILE, file.display(), 0);
        List<Statement> statements = SqlScanner.split(text, file.display());
        Set<Integer> attachedLines = new HashSet<>();
        List<RenameHint> hints = new ArrayList<>();
        for (Statement statement : statements) {
            List<Token> code = statement.codeTokens();
            boolean createTable = isCreateTable(code);
            for (Token comment : statement.comments()) {
                if (HINT.matcher(comment.text()).find() && !createTable) {
                    throw misplaced(file, comment, "it is not attached to a CREATE TABLE statement");
                }
                for (int line = comment.line(); line <= comment.endLine(); line++) {
                    attachedLines.add(line);
                }
            }
            if (createTable) {
                read(file, statement, hints);
            }
        }
        for (Directive d : directives) {
            if (d.name().equals(Directives.RENAMED_FROM) && !attachedLines.contains(d.line())) {
                throw new SchemataException(ErrorCode.BAD_INPUT, file.display() + ":" + d.line() + ": the rename hint"
                        + " \"schemata:renamed-from " + d.argument() + "\" cannot be used: it belongs to no statement"
                        + " (is a blank line between it and the CREATE TABLE?); put it directly above the statement or on"
                        + " the column's line");
            }
        }
        return hints;
    }

    private static boolean isCreateTable(List<Token> code) {
        if (code.isEmpty() || !code.get(0).isKeyword("create")) {
            return false;
        }
        for (int i = 1; i < code.size() && i < 5; i++) {
            if (code.get(i).isKeyword("table")) {
                return true;
            }
        }
        return false;
    }

    private static void read(SchemaFile file, Statement statement, List<RenameHint> hints) {
        List<Token> tokens = statement.tokens();
        QualifiedName table = null;
        int depth = 0;
        boolean afterTableKeyword = false;
        List<String> nameParts = new ArrayList<>();
        // The elements inside the parentheses: the first token of each and the line it ends on.
        String element = null;
        boolean elementIsColumn = false;
        int lastCommaLine = -1;
        String previousElement = null;
        boolean previousIsColumn = false;
        boolean sawCodeSinceComma = false;
        List<Token> pendingTableHints = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isComment()) {
                Matcher m = HINT.matcher(token.text());
                if (!m.find()) {
                    continue;
                }
                if (depth == 0) {
                    pendingTableHints.add(token);
                    continue;
                }
                boolean belongsToPrevious = !sawCodeSinceComma && token.line() == lastCommaLine;
                String target = belongsToPrevious ? previousElement : element;
                boolean isColumn = belongsToPrevious ? previousIsColumn : elementIsColumn;
                if (target == null || !isColumn || depth != 1) {
                    throw misplaced(file, token, "it is not on the line of a column definition");
                }
                QualifiedName owner = table != null ? table : qualified(nameParts);
                hints.add(new RenameHint(owner, target, owner, identifier(m.group(1)), file.display(), token.line()));
                continue;
            }
            if (depth == 0 && table == null) {
                if (token.isKeyword("table")) {
                    afterTableKeyword = true;
                } else if (afterTableKeyword && token.isSymbol("(")) {
                    table = qualified(nameParts);
                } else if (afterTableKeyword && !isIfNotExists(token) && !token.isSymbol(".")) {
                    nameParts.add(identifier(token));
                }
            }
            if (token.isSymbol("(")) {
                depth++;
                if (depth == 1) {
                    sawCodeSinceComma = false;
                    element = null;
                }
                continue;
            }
            if (token.isSymbol(")")) {
                depth--;
                continue;
            }
            if (depth == 1 && token.isSymbol(",")) {
                previousElement = element;
                previousIsColumn = elementIsColumn;
                lastCommaLine = token.line();
                element = null;
                sawCodeSinceComma = false;
                continue;
            }
            if (depth == 1 && element == null) {
                element = identifier(token);
                elementIsColumn = (token.type() == TokenType.QUOTED_IDENT)
                        || (token.type() == TokenType.WORD && !TABLE_ELEMENTS.contains(element));
            }
            if (depth >= 1) {
                sawCodeSinceComma = true;
            }
        }
        for (Token comment : pendingTableHints) {
            Matcher m = HINT.matcher(comment.text());
            m.find();
            hints.add(tableHint(file, comment, m.group(1), table, nameParts));
        }
    }

    private static RenameHint tableHint(SchemaFile file, Token comment, String old, QualifiedName table, List<String> parts) {
        QualifiedName name = table != null ? table : qualified(parts);
        if (name == null) {
            throw misplaced(file, comment, "the table name could not be read");
        }
        String[] pieces = old.split("\\.", 2);
        QualifiedName from = pieces.length == 2 ? new QualifiedName(identifier(pieces[0]), identifier(pieces[1]))
                : new QualifiedName(name.schema(), identifier(old));
        return new RenameHint(name, null, from, null, file.display(), comment.line());
    }

    private static boolean isIfNotExists(Token token) {
        return token.isKeyword("if") || token.isKeyword("not") || token.isKeyword("exists");
    }

    private static QualifiedName qualified(List<String> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return new QualifiedName("public", parts.get(0));
        }
        return new QualifiedName(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    }

    private static String identifier(Token token) {
        return identifier(token.text());
    }

    /** An identifier as the catalog stores it: quoted ones as written, others folded to lower case. */
    static String identifier(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static SchemataException misplaced(SchemaFile file, Token comment, String why) {
        return new SchemataException(ErrorCode.BAD_INPUT, file.display() + ":" + comment.line()
                + ": the rename hint \"" + comment.text().strip() + "\" cannot be used: " + why);
    }
}
