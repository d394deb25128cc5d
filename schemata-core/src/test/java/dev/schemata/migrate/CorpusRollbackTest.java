package dev.schemata.migrate;

import dev.schemata.migrate.RollbackCheck.Outcome;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.SharedData;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** verify-rollback on the real up/down pairs of two projects, straight from the shared corpus. */
@ExtendWith(PostgresExtension.class)
class CorpusRollbackTest {
    private static Path corpus(String relative) {
        Path corpus = SharedData.corpus().orElse(null);
        assumeTrue(corpus != null, "shared corpus not present beside the repository");
        return corpus.resolve(relative);
    }

    private static RollbackVerification verify(TestDatabase db, MigrationSet set, String from, String to) {
        return new RollbackVerifier(line -> { }).verify(db.settings(), set, new VerifyRollbackOptions(
                from == null ? null : Version.parse(from), to == null ? null : Version.parse(to), Map.of(), false));
    }

    private static RollbackCheck check(RollbackVerification v, String version) {
        return v.checks().stream().filter(c -> c.version().equals(version)).findFirst().orElseThrow();
    }

    @Test
    void vaultwardenNamesTheBrokenDownsAndTheEmptyOnes(TestDatabase db) {
        MigrationSet set = MigrationSet.scan(corpus("vaultwarden/migrations/postgresql"));
        RollbackVerification v = verify(db, set, null, null);

        assertThat(v.checks()).hasSize(46);
        // The down drops groups while groups_users and collections_groups still refer to it.
        RollbackCheck groups = check(v, "2022-07-27-110000");
        assertThat(groups.outcome()).isEqualTo(Outcome.DOWN_FAILED);
        assertThat(groups.message()).startsWith("2022-07-27-110000_add_group_support/down.sql:1: ERROR: cannot drop table groups"
                + " because other objects depend on it");
        // The down turns the uuid columns into CHAR(40), though they were VARCHAR(40) before.
        RollbackCheck types = check(v, "2019-09-16-150000");
        assertThat(types.outcome()).isEqualTo(Outcome.LEAVES_DIFFERENCE);
        assertThat(types.differences()).contains("column organizations.uuid differs: type character(40), was character varying(40)");
        // The down adds favorite back with a default it never had.
        assertThat(check(v, "2020-08-02-025025").differences())
                .contains("column ciphers.favorite differs: default false, was none");
        // All 26 empty downs belong to migrations that changed the schema.
        assertThat(v.checks()).filteredOn(c -> c.outcome() == Outcome.EMPTY_DOWN).hasSize(26);
        assertThat(check(v, "2023-06-17-200424").differences()).containsExactly("table auth_requests remains");
        assertThat(check(v, "2024-01-12-210182").differences())
                .containsExactly("column attachments.file_size differs: type bigint, was integer");
        // The first down drops every table of the first up, in an order that works right after it.
        assertThat(check(v, "2019-09-12-100000").outcome()).isEqualTo(Outcome.OK);
        assertThat(v.checks()).filteredOn(c -> c.outcome() == Outcome.OK).hasSize(17);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void lemmyWindowFindsADownThatLosesViewsAndTables(TestDatabase db) {
        MigrationSet set = MigrationSet.scan(corpus("lemmy/migrations"));
        RollbackVerification v = verify(db, set, "2020-12-14-020038", "2021-03-09-171136");

        assertThat(v.applied()).isEqualTo(62);
        assertThat(v.checks()).hasSize(14);
        // The up drops the *_fast tables and every view; the down does not bring them back.
        RollbackCheck fast = check(v, "2020-12-17-031053");
        assertThat(fast.outcome()).isEqualTo(Outcome.LEAVES_DIFFERENCE);
        assertThat(fast.differences()).contains("table post_aggregates_fast is missing", "view post_view is missing",
                "function refresh_post() is missing", "trigger refresh_post on post is missing");
        // Adding back dropped columns puts them last: reported, but not held against the down.
        RollbackCheck community = check(v, "2021-02-25-112959");
        assertThat(community.outcome()).isEqualTo(Outcome.OK);
        assertThat(community.differences()).singleElement().asString().startsWith("table community has its columns in another order");
        assertThat(v.problems()).extracting(RollbackCheck::version)
                .containsExactly("2020-12-17-031053", "2021-03-09-171136");
    }

    @Test
    void lemmyDownWrittenForANewerServer(TestDatabase db, TestCluster cluster) {
        assumeTrue(cluster.binaries().major() < 18, "named NOT NULL constraints exist from PostgreSQL 18");
        MigrationSet set = MigrationSet.scan(corpus("lemmy/migrations"));
        RollbackVerification v = verify(db, set, "2024-03-06-104706", "2024-03-06-104706");

        assertThat(v.checks()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.DOWN_FAILED);
            assertThat(c.message()).startsWith("2024-03-06-104706_local_image_user_opt/down.sql:2: ERROR: syntax error at or near \"NOT\"");
        });
    }
}
