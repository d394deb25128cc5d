package dev.schemata.backup;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention over a directory with ten days of daily backups of two databases and files that are not ours. */
class RetentionTest {
    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final List<String> foreign = List.of("orders_20261101_020000_v001.dump", "notes.txt",
            "stray.json", "orders_20261102_020000_v001.dump.json");

    @BeforeEach
    void files() throws IOException {
        for (int day = 0; day < 10; day++) {
            backup("orders", now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        backup("billing", now.minus(Duration.ofDays(30)));
        backup("billing", now.minus(Duration.ofDays(20)));
        for (String name : foreign) {
            Files.writeString(dir.resolve(name), "not ours");
        }
        // A manifest of someone else's tool beside a file that looks like ours.
        Files.writeString(dir.resolve("orders_20261103_020000_v001.dump"), "x");
        Files.writeString(dir.resolve("orders_20261103_020000_v001.dump.json"), "{\"tool\": \"other\"}");
    }

    private void backup(String db, Instant at) {
        String name = Backups.fileStem(db, at, "004") + ".dump";
        try {
            Files.writeString(dir.resolve(name), "fake");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        new BackupManifest("test", name, BackupFormat.CUSTOM, BackupContent.FULL, db, "postgresql://x/" + db, "15.1", "004",
                "public.schema_migrations", at, 4, "00", 1, "/usr/bin/pg_dump", "15.1", Map.of(), null, List.of()).write(dir.resolve(name));
    }

    private List<String> names(List<StoredBackup> backups) {
        return backups.stream().map(b -> b.file().getFileName().toString()).sorted().toList();
    }

    @Test
    void keepDaysKeepsAWeekAndTheNewestOfEachDatabaseAndNothingForeignIsTouched() throws IOException {
        BackupDirectory.PruneResult r = new BackupDirectory(dir).prune(7, null, now, false);
        assertThat(r.kept()).hasSize(8);
        assertThat(names(r.kept())).filteredOn(n -> n.startsWith("orders")).hasSize(7)
                .allMatch(n -> n.compareTo("orders_20261114_") > 0);
        assertThat(names(r.kept())).filteredOn(n -> n.startsWith("billing")).containsExactly("billing_20261101_120000_v004.dump");
        assertThat(r.deleted()).hasSize(4);
        for (StoredBackup b : r.deleted()) {
            assertThat(b.file()).doesNotExist();
            assertThat(BackupManifest.pathFor(b.file())).doesNotExist();
        }
        for (String name : foreign) {
            assertThat(dir.resolve(name)).exists();
        }
        assertThat(dir.resolve("orders_20261103_020000_v001.dump")).exists();
        assertThat(dir.resolve("orders_20261103_020000_v001.dump.json")).exists();
        assertThat(new BackupDirectory(dir).list().backups()).hasSize(8);
    }

    @Test
    void keepLastKeepsThatManyPerDatabase() {
        BackupDirectory.PruneResult r = new BackupDirectory(dir).prune(null, 3, now, false);
        assertThat(names(r.kept())).hasSize(5).filteredOn(n -> n.startsWith("orders")).hasSize(3);
    }

    @Test
    void zeroDaysStillKeepsTheNewestAndDryRunDeletesNothing() {
        BackupDirectory.PruneResult r = new BackupDirectory(dir).prune(0, null, now, true);
        assertThat(names(r.kept())).containsExactly("billing_20261101_120000_v004.dump", "orders_20261121_110000_v004.dump");
        assertThat(r.deleted()).hasSize(10).allMatch(b -> Files.exists(b.file()));
    }

    @Test
    void listShowsOursNewestFirstAndCountsTheRest() {
        BackupDirectory.Listing listing = new BackupDirectory(dir).list();
        assertThat(listing.backups()).hasSize(12);
        assertThat(listing.backups().get(0).file().getFileName().toString()).isEqualTo("orders_20261121_110000_v004.dump");
        assertThat(listing.otherFiles()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("orders_20261101_020000_v001.dump", "notes.txt", "stray.json",
                        "orders_20261102_020000_v001.dump.json", "orders_20261103_020000_v001.dump",
                        "orders_20261103_020000_v001.dump.json");
    }

    @Test
    void withNothingToKeepItRefuses() {
        assertThatThrownBy(() -> new BackupDirectory(dir).prune(null, null, now, false)).hasMessageContaining("--keep-days N");
        assertThatThrownBy(() -> new BackupDirectory(dir).prune(-1, null, now, false)).hasMessageContaining("--keep-days must be >= 0, got -1");
    }
}
