package dev.schemata.migrate;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.history.HistoryTable;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.SharedData;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real projects' migrations, applied in their own Diesel layout straight from the shared corpus. */
@ExtendWith(PostgresExtension.class)
class CorpusMigrateTest {
    private static Path corpus(String relative) {
        Path corpus = SharedData.corpus().orElse(null);
        assumeTrue(corpus != null, "shared corpus not present beside the repository");
        return corpus.resolve(relative);
    }

    private static MigrateResult migrate(TestDatabase db, MigrationSet set, String target) {
        return new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, line -> { })
                .migrate(set, new MigrateOptions(target == null ? null : Version.parse(target), false, false,
                        Duration.ofSeconds(30), Map.of()));
    }

    @Test
    void vaultwardenAppliesCompletely(TestDatabase db) {
        MigrationSet set = MigrationSet.scan(corpus("vaultwarden/migrations/postgresql"));
        MigrateResult result = migrate(db, set, null);
        assertThat(result.applied()).hasSize(46);
        assertThat(db.tables()).hasSize(28 + 1).contains("users", "ciphers", "organizations", "schema_migrations");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).isEqualTo(46L);
        assertThat(migrate(db, set, null).applied()).isEmpty();
    }

    @Test
    void lemmyAppliesAsFarAsTheServerVersionAllows(TestDatabase db, TestCluster cluster) {
        MigrationSet set = MigrationSet.scan(corpus("lemmy/migrations"));
        assertThat(set.versioned()).hasSize(342);
        if (cluster.binaries().major() < 16) {
            // 2025-08-01-000016 uses a subquery in FROM without an alias, which PostgreSQL accepts from 16 on.
            MigrateResult result = migrate(db, set, "2025-08-01-000015");
            assertThat(result.applied()).hasSize(247);
            assertThat(result.currentVersion()).isEqualTo("2025-08-01-000015");
        } else {
            // Lemmy's own runner keeps Diesel's table; one of its migrations puts a trigger on it.
            db.execute("CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY, run_on timestamp NOT NULL DEFAULT now())");
            MigrateResult result = migrate(db, set, null);
            assertThat(result.applied()).hasSize(342);
        }
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT success")).isEqualTo(0L);
    }
}
