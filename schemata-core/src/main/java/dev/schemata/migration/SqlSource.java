package dev.schemata.migration;

import java.io.IOException;
import java.io.Reader;

/**
 * Where a migration's SQL is: a whole file, or one section of a dbmate-style file. Lets the runner stream
 * the SQL and map a statement's line back to the line in the file.
 */
public sealed interface SqlSource permits Migration, DownMigration {
    /** The file holding the SQL, on disk or in a jar. */
    MigrationFile file();

    /** The file's path relative to the migrations directory, with {@code /} separators, as shown to users. */
    String relativePath();

    /** The {@link Checksum} of the SQL (for a dbmate section: of that section's lines only). */
    String checksum();

    /** Lines of the file before the SQL starts: line {@code n} of the SQL is line {@code n + lineOffset} of the file. */
    int lineOffset();

    /** The file's last line that belongs to the SQL, or 0 when the SQL runs to the end of the file. */
    int endLine();

    /**
     * Opens the SQL as characters: strict UTF-8 with a leading byte order mark dropped and line ends as
     * they are in the file; for a dbmate section only that section's lines. The caller closes the reader.
     *
     * @throws dev.schemata.SchemataException with {@code BAD_INPUT} when the file cannot be opened
     */
    default Reader openReader() {
        return SectionReader.open(file(), relativePath(), lineOffset(), endLine());
    }

    /**
     * The whole SQL as {@link #openReader()} gives it, for callers that keep it in memory.
     *
     * @throws IOException when reading fails part-way
     */
    default String readText() throws IOException {
        if (lineOffset() == 0 && endLine() == 0) {
            return SectionReader.wholeText(file());
        }
        StringBuilder text = new StringBuilder();
        try (Reader reader = openReader()) {
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
        }
        return text.toString();
    }
}
