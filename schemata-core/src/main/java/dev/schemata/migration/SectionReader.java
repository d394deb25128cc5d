package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a migration's SQL as characters: strict UTF-8, the byte order mark dropped, line ends left as they
 * are. For a dbmate section only the lines of that section come through, so statement line numbers plus
 * the section's line offset give the line in the file.
 */
final class SectionReader extends Reader {
    private final Reader in;
    private final int lineOffset;
    private final int endLine;
    private final char[] buffer = new char[8192];
    private int line = 1;
    private boolean pendingCr;
    private boolean finished;

    private SectionReader(Reader in, int lineOffset, int endLine) {
        this.in = in;
        this.lineOffset = lineOffset;
        this.endLine = endLine;
    }

    /**
     * Opens lines {@code lineOffset + 1} to {@code endLine} of {@code file} (to the end when {@code endLine}
     * is 0).
     */
    static Reader open(MigrationFile file, String relativePath, int lineOffset, int endLine) {
        InputStream stream;
        try {
            stream = new BufferedInputStream(file.open());
            stream.mark(3);
            byte[] head = stream.readNBytes(3);
            if (!Utf8Lines.startsWithBom(head)) {
                stream.reset();
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + relativePath + ": " + e.getMessage(), e);
        }
        // Decoding must fail loudly: replacement characters would silently change the SQL that runs.
        Reader decoded = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return lineOffset == 0 && endLine == 0 ? decoded : new SectionReader(decoded, lineOffset, endLine);
    }

    /**
     * A whole file's text as {@link #open} reads it, in one read: most migrations are a few hundred bytes of
     * ASCII, for which a stream, a decoder and their buffers cost more than the reading; other text goes
     * through the same strict decoder.
     */
    static String wholeText(MigrationFile file) throws IOException {
        byte[] bytes = file.readAllBytes();
        int start = Utf8Lines.startsWithBom(bytes) ? 3 : 0;
        boolean ascii = true;
        for (int i = start; i < bytes.length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written == 0 && !finished) {
            int count = in.read(buffer, 0, Math.min(buffer.length, length));
            if (count == -1) {
                finished = true;
                break;
            }
            for (int i = 0; i < count; i++) {
                char c = buffer[i];
                if (c == '\n' && pendingCr) {
                    // The LF of a CRLF belongs to the line the CR ended.
                    pendingCr = false;
                    if (inRange(line - 1)) {
                        target[offset + written++] = c;
                    }
                    continue;
                }
                pendingCr = false;
                if (endLine > 0 && line > endLine) {
                    finished = true;
                    break;
                }
                if (inRange(line)) {
                    target[offset + written++] = c;
                }
                if (c == '\r') {
                    pendingCr = true;
                    line++;
                } else if (c == '\n') {
                    line++;
                }
            }
        }
        return written == 0 && finished ? -1 : written;
    }

    private boolean inRange(int number) {
        return number > lineOffset && (endLine == 0 || number <= endLine);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
