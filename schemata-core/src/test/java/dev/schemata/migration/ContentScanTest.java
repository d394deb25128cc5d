package dev.schemata.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.schemata.migration.MigrationFiles.text;
import static dev.schemata.migration.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** dbmate sections found in one streaming pass, whatever the chunk size and line length. */
class ContentScanTest {

    private static ContentScan scan(String content, int bufferSize) throws IOException {
        return ContentScan.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), bufferSize);
    }

    private static String checksumOf(String text) {
        return Checksum.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text");
    }

    @Test
    void sectionsAreTheSameForEveryChunkSize() throws IOException {
        String content = "-- note\r\n-- migrate:up\r\nselect 'é';\r\r\n-- migrate:down\rdrop table t;";
        for (int size = 1; size <= 9; size++) {
            ContentScan scan = scan(content, size);
            assertThat(scan.hasSections()).isTrue();
            assertThat(scan.upMarkerLine()).isEqualTo(2);
            assertThat(scan.downMarkerLine()).isEqualTo(5);
            assertThat(scan.upChecksum()).as("buffer %d", size).isEqualTo(checksumOf("select 'é';\n\n"));
            assertThat(scan.downChecksum()).as("buffer %d", size).isEqualTo(checksumOf("drop table t;"));
            assertThat(scan.wholeChecksum()).isEqualTo(checksumOf(content));
            assertThat(scan.markerProblems()).isEmpty();
        }
    }

    @Test
    void longLinesAreHashedWhole() throws IOException {
        String longLine = "select '" + "x".repeat(1000) + "';";
        String content = "-- migrate:up\n" + longLine + "\n-- migrate:down\n" + longLine + longLine + "\n";
        ContentScan scan = scan(content, 64);
        assertThat(scan.upChecksum()).isEqualTo(checksumOf(longLine + "\n"));
        assertThat(scan.downChecksum()).isEqualTo(checksumOf(longLine + longLine + "\n"));
    }

    @Test
    void aMarkerWithLongOptionsIsStillAMarker() throws IOException {
        String options = " " + "transaction:false ".repeat(40);
        ContentScan scan = scan("-- migrate:up" + options + "\nselect 1;\n", 16);
        assertThat(scan.hasSections()).isTrue();
        assertThat(scan.upChecksum()).isEqualTo(checksumOf("select 1;\n"));
        // Near miss: a long comment that merely starts like a marker.
        ContentScan notMarker = scan("-- migrate:upgrade" + options + "\nselect 1;\n", 16);
        assertThat(notMarker.hasSections()).isFalse();
    }

    @Test
    void aMarkerNeedsToStartTheLine() throws IOException {
        assertThat(scan("  -- migrate:up\nselect 1;\n", 8).hasSections()).isFalse();
        assertThat(scan("select 1; -- migrate:up\n", 8).hasSections()).isFalse();
        assertThat(scan("--\tmigrate:up\nselect 1;\n", 8).hasSections()).isTrue();
        assertThat(scan("-- migrate:up", 8).hasSections()).isTrue();
    }

    @Test
    void sectionReaderGivesTheSameTextForAnyReadSize(@TempDir Path dir) throws IOException {
        StringBuilder up = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            up.append("insert into t values (").append(i).append(", 'é');\r\n");
        }
        String down = "delete from t;\r\n";
        write(dir, "1_a.sql", "-- migrate:up\r\n" + up + "-- migrate:down\r\n" + down);
        Migration migration = MigrationSet.scan(dir).versioned().get(0);

        assertThat(text(migration)).isEqualTo(up.toString());
        assertThat(migration.checksum()).isEqualTo(checksumOf(up.toString().replace("\r\n", "\n")));
        StringBuilder oneByOne = new StringBuilder();
        try (Reader reader = migration.openReader()) {
            char[] one = new char[1];
            int count;
            while ((count = reader.read(one, 0, 1)) != -1) {
                oneByOne.append(one, 0, count);
            }
        }
        assertThat(oneByOne.toString()).isEqualTo(up.toString());
        assertThat(text(migration.down().orElseThrow())).isEqualTo(down);
    }
}
