package dev.schemata.migration;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a file's bytes as lines in fixed-size chunks: drops a leading UTF-8 byte order mark, checks that
 * the bytes are well-formed UTF-8 without NUL bytes, and reports each line end (LF, CRLF or a lone CR) as one event. Working on
 * bytes keeps memory flat for any file size; line ends are ASCII, so they never occur inside a character.
 */
final class Utf8Lines {
    static final int DEFAULT_BUFFER = 64 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Receives a file's content. {@code text} runs never contain CR or LF. */
    interface Sink {
        void text(byte[] buffer, int offset, int length);

        void lineEnd();
    }

    /**
     * The bytes are not UTF-8 text PostgreSQL can take; the message names the 0-based byte offset of the bad
     * sequence, its line and the fix.
     */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(long offset, int line) {
            super("invalid UTF-8 at byte " + offset + " (line " + line + "); save the file as UTF-8");
        }

        private MalformedException(String message) {
            super(message);
        }

        /**
         * A NUL byte is valid UTF-8 but can never reach the server: the protocol ends a query's text at the first
         * NUL, so the driver refuses the statement and drops the connection, after the files before it ran.
         */
        static MalformedException nul(long offset, int line) {
            return new MalformedException("a NUL byte (0x00) at byte " + offset + " (line " + line
                    + "), which PostgreSQL cannot take in SQL text; remove it (is this a binary file or UTF-16?)");
        }
    }

    private final Sink sink;
    private long position;
    private int line = 1;
    private boolean pendingCr;
    // UTF-8 decoder state: continuation bytes still needed, the allowed range of the next one, and where
    // the current sequence started (reported on error).
    private int needed;
    private int lowest = 0x80;
    private int highest = 0xBF;
    private long sequenceStart;
    private int sequenceLine;

    private Utf8Lines(Sink sink) {
        this.sink = sink;
    }

    /** Feeds all of {@code in} to {@code sink}, reading {@code bufferSize} bytes at a time. */
    static void read(InputStream in, int bufferSize, Sink sink) throws IOException {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        Utf8Lines lines = new Utf8Lines(sink);
        byte[] head = in.readNBytes(3);
        if (startsWithBom(head)) {
            lines.position = 3;
        } else {
            lines.feed(head, head.length);
        }
        byte[] buffer = new byte[bufferSize];
        int count;
        while ((count = in.read(buffer)) != -1) {
            lines.feed(buffer, count);
        }
        if (lines.needed > 0) {
            throw new MalformedException(lines.sequenceStart, lines.sequenceLine);
        }
    }

    /** Whether the bytes start with a UTF-8 byte order mark (EF BB BF), which is not part of the text. */
    static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    private void feed(byte[] buffer, int count) throws MalformedException {
        int runStart = 0;
        for (int i = 0; i < count; i++, position++) {
            int b = buffer[i] & 0xFF;
            checkUtf8(b);
            if (b == CR || b == LF) {
                if (i > runStart) {
                    sink.text(buffer, runStart, i - runStart);
                }
                runStart = i + 1;
                if (b == LF && pendingCr) {
                    // Second half of a CRLF: the line end was already reported at the CR.
                    pendingCr = false;
                } else {
                    pendingCr = b == CR;
                    line++;
                    sink.lineEnd();
                }
            } else {
                pendingCr = false;
            }
        }
        if (count > runStart) {
            sink.text(buffer, runStart, count - runStart);
        }
    }

    /** Well-formed UTF-8 as in the Unicode standard, table 3-7: no overlongs, surrogates or values past U+10FFFF. */
    private void checkUtf8(int b) throws MalformedException {
        if (needed > 0) {
            if (b < lowest || b > highest) {
                throw new MalformedException(sequenceStart, sequenceLine);
            }
            needed--;
            lowest = 0x80;
            highest = 0xBF;
            return;
        }
        if (b < 0x80) {
            if (b == 0) {
                throw MalformedException.nul(position, line);
            }
            return;
        }
        sequenceStart = position;
        sequenceLine = line;
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
            expect(2, 0xA0, 0xBF);
        } else if (b == 0xED) {
            expect(2, 0x80, 0x9F);
        } else if (b >= 0xE1 && b <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
            expect(3, 0x90, 0xBF);
        } else if (b >= 0xF1 && b <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
            expect(3, 0x80, 0x8F);
        } else {
            throw new MalformedException(position, line);
        }
    }

    private void expect(int count, int low, int high) {
        needed = count;
        lowest = low;
        highest = high;
    }
}
