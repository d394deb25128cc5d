package dev.schemata.migration;

import dev.schemata.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scans real Diesel migration directories from the shared corpus (skipped when it is absent). */
class CorpusScanTest {

    private static Path corpusDir(String relative) {
        Path dir = SharedData.corpus().map(c -> c.resolve(relative)).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "shared corpus folder " + relative + " is not present");
        return dir;
    }

    private static List<String> folderNames(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> migrationFolders(MigrationSet set) {
        return set.versioned().stream().map(m -> m.relativePath().substring(0, m.relativePath().indexOf('/'))).toList();
    }

    @Test
    void vaultwarden() throws IOException {
        Path dir = corpusDir("vaultwarden/migrations/postgresql");
        MigrationSet set = MigrationSet.scan(dir);

        assertThat(set.versioned()).hasSize(46);
        assertThat(set.repeatable()).isEmpty();
        assertThat(migrationFolders(set)).isEqualTo(folderNames(dir));
        assertThat(set.versioned()).allSatisfy(m -> {
            assertThat(m.layout()).isEqualTo(Migration.Layout.DIESEL);
            assertThat(m.relativePath()).endsWith("/up.sql");
            assertThat(m.down()).isPresent();
            assertThat(m.checksum()).isEqualTo(Checksum.of(m.file()));
        });
        // The corpus ships 26 empty down.sql files; they are allowed and marked as doing nothing.
        assertThat(set.versioned().stream().filter(m -> m.down().orElseThrow().blank())).hasSize(26);
        assertThat(set.versioned().get(0).relativePath()).isEqualTo("2019-09-12-100000_create_tables/up.sql");
        assertThat(set.versioned().get(0).description()).isEqualTo("create tables");
    }

    @Test
    void lemmy() throws IOException {
        Path dir = corpusDir("lemmy/migrations");
        MigrationSet set = MigrationSet.scan(dir);

        assertThat(set.versioned()).hasSize(342);
        assertThat(migrationFolders(set)).isEqualTo(folderNames(dir));
        assertThat(set.versioned()).allSatisfy(m -> assertThat(m.down()).isPresent());
        assertThat(set.versioned().get(0).version()).hasToString("00000000000000");
        assertThat(set.versioned().get(0).description()).isEqualTo("diesel initial setup");
        assertThat(set.find(Version.parse("2026-06-03-220228-0000")))
                .map(Migration::relativePath).contains("2026-06-03-220228-0000_add_modlog_child_count/up.sql");
    }
}
