package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static String sum(String text) {
        return sum(text.getBytes(StandardCharsets.UTF_8), 8192);
    }

    private static String sum(byte[] bytes, int bufferSize) {
        return Checksum.of(new ByteArrayInputStream(bytes), "test.sql", bufferSize);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isLowerCaseSha256OfTheLfText() throws Exception {
        String text = "create table t (id int);\ninsert into t values (1);\n";
        assertThat(sum(text)).isEqualTo(sha256(text)).matches("[0-9a-f]{64}");
    }

    @Test
    void lineEndsAndByteOrderMarkDoNotChangeIt() {
        String lf = "create table t (id int);\n\ninsert into t values ('é');\n";
        String expected = sum(lf);
        assertThat(sum(lf.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(sum(lf.replace("\n", "\r"))).isEqualTo(expected);
        assertThat(sum(concat(BOM, lf.getBytes(StandardCharsets.UTF_8)), 8192)).isEqualTo(expected);
        assertThat(sum(concat(BOM, lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), 8192)).isEqualTo(expected);
    }

    @Test
    void realChangesChangeIt() {
        String base = sum("select 1;\n");
        assertThat(sum("select 2;\n")).isNotEqualTo(base);
        assertThat(sum("select 1; \n")).isNotEqualTo(base);
        assertThat(sum("select 1;")).isNotEqualTo(base);
        assertThat(sum("select 1;\n\n")).isNotEqualTo(base);
        // A BOM anywhere but at the start is content.
        assertThat(sum(concat("select 1;\n".getBytes(StandardCharsets.UTF_8), BOM), 8192)).isNotEqualTo(base);
    }

    @Test
    void crAndCrlfAcrossChunkBoundaries() {
        String lf = "a\n\nbc\nd\n\n\ne";
        String expected = sum(lf);
        // Mixed endings, with a lone CR followed by a CRLF ("\r\r\n" is two line ends).
        String mixed = "a\r\r\nbc\r\nd\r\r\n\ne";
        for (int size = 1; size <= 8; size++) {
            assertThat(sum(mixed.getBytes(StandardCharsets.UTF_8), size)).as("buffer %d", size).isEqualTo(expected);
            assertThat(sum(concat(BOM, mixed.getBytes(StandardCharsets.UTF_8)), size)).as("BOM, buffer %d", size)
                    .isEqualTo(expected);
        }
        // Near miss: "\r\n\r" at the end is two line ends, not one.
        assertThat(sum("x\r\n\r".getBytes(StandardCharsets.UTF_8), 2)).isEqualTo(sum("x\n\n"));
    }

    @Test
    void multiByteCharactersSplitAcrossChunksAreValid() {
        String text = "-- é € 😀 ß\nselect '😀';\n";
        String expected = sum(text);
        for (int size = 1; size <= 5; size++) {
            assertThat(sum(text.getBytes(StandardCharsets.UTF_8), size)).isEqualTo(expected);
        }
    }

    @Test
    void invalidUtf8NamesTheByteOffset() {
        byte[] bytes = new byte[2000];
        java.util.Arrays.fill(bytes, (byte) 'x');
        for (int i = 99; i < bytes.length; i += 100) {
            bytes[i] = '\n';
        }
        bytes[1234] = (byte) 0xFF;
        assertThatThrownBy(() -> Checksum.of(new ByteArrayInputStream(bytes), "002_x.sql", 7))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageStartingWith("002_x.sql: invalid UTF-8 at byte 1234 (line 13)");
    }

    @Test
    void badSequencesAreReportedAtTheirFirstByte() {
        assertThat(errorOffset(new byte[] {'a', (byte) 0xC3, '('})).isEqualTo(1);          // missing continuation
        assertThat(errorOffset(new byte[] {'a', 'b', (byte) 0xC0, (byte) 0x80})).isEqualTo(2); // overlong NUL
        assertThat(errorOffset(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(0); // surrogate
        assertThat(errorOffset(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isEqualTo(0); // > U+10FFFF
        assertThat(errorOffset(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).isEqualTo(1);   // cut off at the end
        assertThat(errorOffset(new byte[] {'a', (byte) 0x80})).isEqualTo(1);                // stray continuation
        // Near miss: the same lead bytes, completed properly.
        assertThat(sum(new byte[] {'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 1)).isEqualTo(sum("a€"));
    }

    private static long errorOffset(byte[] bytes) {
        try {
            sum(bytes, 2);
        } catch (SchemataException e) {
            String message = e.getMessage();
            int at = message.indexOf("at byte ") + "at byte ".length();
            return Long.parseLong(message.substring(at, message.indexOf(' ', at)));
        }
        throw new AssertionError("no error for " + HexFormat.of().formatHex(bytes));
    }

    @Test
    void fileChecksumMatchesStreamChecksum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("001_x.sql");
        Files.writeString(file, "select 1;\r\n");
        assertThat(Checksum.of(file)).isEqualTo(sum("select 1;\n"));
        assertThatThrownBy(() -> Checksum.of(dir.resolve("missing.sql")))
                .isInstanceOf(SchemataException.class)
                .hasMessageContaining("missing.sql");
    }
}
