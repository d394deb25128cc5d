package dev.schemata.migration;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared by the tests: lay out migration files and read SQL back. */
final class MigrationFiles {
    private MigrationFiles() {
    }

    static Path write(Path dir, String relativePath, String content) {
        return write(dir, relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String relativePath, byte[] content) {
        try {
            Path file = dir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(SqlSource source) {
        try (Reader reader = source.openReader()) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
