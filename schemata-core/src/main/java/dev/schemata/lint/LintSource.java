package dev.schemata.lint;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Checksum;
import dev.schemata.migration.Migration;
import dev.schemata.migration.SqlSource;
import dev.schemata.sql.Statement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * SQL to lint, with the name its findings carry.
 *
 * @param name       shown in findings (a path relative to the working directory, or a label such as "plan")
 * @param sql        the text
 * @param lineOffset lines of the file before {@code sql} (a dbmate section); added to every finding's line
 * @param rerunnable whether the file runs more than once ({@code init.sql}, a repeatable migration), so its
 *                   statements must be re-runnable
 * @param statements {@code sql} as the lexer splits it, when the caller has split it already (a migrate run
 *                   reads each file once); null to have the lint split it
 */
public record LintSource(String name, String sql, int lineOffset, boolean rerunnable, List<Statement> statements) {
    public LintSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        statements = statements == null ? null : List.copyOf(statements);
    }

    public LintSource(String name, String sql, int lineOffset, boolean rerunnable) {
        this(name, sql, lineOffset, rerunnable, null);
    }

    /** Text under a name; re-runnable when the name's file part is {@code init.sql}. */
    public static LintSource of(String name, String sql) {
        return new LintSource(name, sql, 0, isInitSql(name));
    }

    /**
     * Reads a file as strict UTF-8 (a leading byte order mark dropped), checked as migrations are.
     *
     * @throws SchemataException with {@code BAD_INPUT} when it cannot be read, is not UTF-8 or holds a NUL byte,
     *                           naming the byte offset
     */
    public static LintSource read(Path file, String name) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Checksum.of(new ByteArrayInputStream(bytes), name);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return of(name, text);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A migration (or its down part, or a dbmate section); a repeatable migration is re-runnable. */
    public static LintSource of(SqlSource source) {
        String text;
        try {
            text = source.readText();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, source.relativePath() + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, source.relativePath() + ": cannot read: "
                    + e.getCause().getMessage(), e);
        }
        return of(source, text, null);
    }

    /** A migration already read, and split into {@code statements} when not null. */
    public static LintSource of(SqlSource source, String text, List<Statement> statements) {
        boolean repeatable = source instanceof Migration m && m.isRepeatable();
        return new LintSource(source.relativePath(), text, source.lineOffset(),
                repeatable || isInitSql(source.relativePath()), statements);
    }

    /** The same SQL under another name (such as a path relative to the working directory). */
    public LintSource withName(String newName) {
        return new LintSource(newName, sql, lineOffset, rerunnable, statements);
    }

    static boolean isInitSql(String name) {
        String file = name.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        return file.toLowerCase(Locale.ROOT).equals("init.sql");
    }
}
