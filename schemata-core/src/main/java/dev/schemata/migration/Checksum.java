package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum that detects an edited migration: SHA-256, as 64 lower-case hex digits, of the file's
 * content with a leading UTF-8 byte order mark removed and every line end (CRLF or a lone CR) written as LF.
 * The same file checked out on Windows, or saved by an editor that adds a BOM, keeps its checksum; any other
 * change, including white space inside a line or a final newline added or removed, changes it.
 *
 * <p>The content is read in chunks, so files of any size use constant memory. Content that is not
 * well-formed UTF-8, or holds a NUL byte, is rejected, naming the byte offset (0-based, counted from the start of the file).
 *
 * <p>For a dbmate-style file ({@code -- migrate:up} / {@code -- migrate:down} sections) the directory scan
 * checksums each section separately with the same rules (see {@link Migration#checksum()}), so editing the
 * down section does not count as editing the applied up migration.
 */
public final class Checksum {
    private Checksum() {
    }

    /** The checksum of a file; {@link ErrorCode#BAD_INPUT} when it cannot be read or is not UTF-8. */
    public static String of(Path file) {
        return of(MigrationFile.of(file));
    }

    /** The checksum of a migration file on disk or in a jar: the same content gives the same checksum. */
    public static String of(MigrationFile file) {
        try (InputStream in = file.open()) {
            return of(in, file.location(), Utf8Lines.DEFAULT_BUFFER);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + file.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checksum of a stream's content; {@code name} identifies it in the error message when the content
     * is not UTF-8. The stream is read to its end and not closed.
     */
    public static String of(InputStream in, String name) {
        return of(in, name, Utf8Lines.DEFAULT_BUFFER);
    }

    static String of(InputStream in, String name, int bufferSize) {
        Hasher hasher = new Hasher();
        try {
            Utf8Lines.read(in, bufferSize, hasher);
        } catch (Utf8Lines.MalformedException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + name + ": " + e.getMessage(), e);
        }
        return hasher.hex();
    }

    /** Accumulates normalised content: text runs as they are, each line end as one LF. */
    static final class Hasher implements Utf8Lines.Sink {
        private final MessageDigest digest;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide SHA-256.
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void text(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
        }

        @Override
        public void lineEnd() {
            digest.update((byte) '\n');
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
