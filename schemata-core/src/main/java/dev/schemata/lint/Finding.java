package dev.schemata.lint;

import java.util.Objects;

/**
 * One problem found in a statement.
 *
 * @param rule            the rule's id
 * @param severity        its severity after the options' overrides
 * @param file            the source's name as given to the lint (a path relative to the working directory)
 * @param line            1-based line in the file
 * @param column          1-based column in the file
 * @param message         what is wrong here, naming the table and, when the database was asked, its size
 * @param excerpt         the source line the finding points at, trimmed
 * @param safeAlternative what to do instead (the rule's advice)
 * @param table           what the lint knew about the table concerned; null when no table is concerned
 */
public record Finding(String rule, Severity severity, String file, int line, int column, String message,
                      String excerpt, String safeAlternative, TableInfo table) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(excerpt, "excerpt");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
    }
}
