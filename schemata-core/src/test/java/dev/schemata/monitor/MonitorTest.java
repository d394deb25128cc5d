package dev.schemata.monitor;

import dev.schemata.SchemataException;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each report on a database with known tables, index scans, statements and lock waits. */
@ExtendWith(PostgresExtension.class)
class MonitorTest {

    private static <T> T read(TestDatabase db, java.util.function.Function<Monitor, T> report) {
        try (Connection c = db.connect()) {
            return report.apply(new Monitor(c));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statistics reach the views shortly after a session reports them; wait for them a bounded time. */
    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        T value = read.get();
        for (int i = 0; i < 100 && !done.test(value); i++) {
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }

    @Test
    void sizesListTablesLargestFirstWithTheirPartsIndexesAndRowEstimates(TestDatabase db) {
        db.execute("""
                CREATE TABLE big (id int PRIMARY KEY, body text);
                INSERT INTO big SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 10000) g;
                CREATE INDEX big_body ON big (body);
                CREATE TABLE small (id int);
                INSERT INTO small VALUES (1);
                CREATE TABLE never_analyzed (id int);
                ANALYZE big; ANALYZE small;
                """);
        List<TableSize> sizes = read(db, Monitor::sizes);
        assertThat(sizes).extracting(TableSize::table).startsWith("public.big").contains("public.small", "public.never_analyzed");
        TableSize big = sizes.get(0);
        assertThat(big.rowEstimate()).isEqualTo(10000L);
        assertThat(big.heapBytes()).isGreaterThan(1_000_000L);
        assertThat(big.indexBytes()).isGreaterThan(200_000L)
                .isEqualTo(big.indexes().stream().mapToLong(TableSize.IndexSize::bytes).sum());
        assertThat(big.totalBytes()).isGreaterThanOrEqualTo(big.heapBytes() + big.indexBytes() + big.toastBytes());
        assertThat(big.indexes()).extracting(TableSize.IndexSize::name).containsExactly("big_body", "big_pkey");
        assertThat(big.indexes().get(0).bytes()).isGreaterThan(big.indexes().get(1).bytes());
        assertThat(sizes.stream().filter(t -> t.table().equals("public.small")).findFirst().orElseThrow().rowEstimate()).isEqualTo(1L);
        assertThat(sizes.stream().filter(t -> t.table().equals("public.never_analyzed")).findFirst().orElseThrow().rowEstimate()).isNull();
    }

    @Test
    void indexesReportScansUnusedInvalidAndDuplicates(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE t (id int PRIMARY KEY, a int, b int);
                INSERT INTO t SELECT g, g % 100, g FROM generate_series(1, 2000) g;
                CREATE INDEX t_a ON t (a);
                CREATE INDEX t_a_again ON t (a);
                CREATE INDEX t_b ON t (b);
                CREATE INDEX t_a_where ON t (a) WHERE b > 10;
                INSERT INTO t VALUES (2001, 1, 1), (2002, 1, 1);
                ANALYZE t;
                """);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX CONCURRENTLY t_b_unique ON t (b)");
        } catch (SQLException expected) {
            // duplicate values in b: the failed concurrent build leaves t_b_unique INVALID
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off; SET enable_bitmapscan = off");
            for (int i = 0; i < 3; i++) {
                s.executeQuery("SELECT * FROM t WHERE b = " + (i + 5)).close();
            }
        }
        IndexReport report = eventually(() -> read(db, Monitor::indexes),
                r -> r.indexes().stream().anyMatch(i -> i.index().equals("public.t_b") && i.scans() >= 3));
        IndexUsage tb = report.indexes().stream().filter(i -> i.index().equals("public.t_b")).findFirst().orElseThrow();
        assertThat(tb.scans()).isEqualTo(3);
        assertThat(tb.unused()).isFalse();
        assertThat(report.unused()).extracting(IndexUsage::index)
                .contains("public.t_a", "public.t_a_again", "public.t_a_where").doesNotContain("public.t_pkey", "public.t_b");
        assertThat(report.unused()).allMatch(i -> i.bytes() > 0);
        assertThat(report.invalid()).extracting(IndexUsage::index).containsExactly("public.t_b_unique");
        assertThat(report.duplicates()).extracting(i -> i.index() + "=" + i.duplicateOf())
                .containsExactlyInAnyOrder("public.t_a=public.t_a_again", "public.t_a_again=public.t_a");
    }

    @Test
    void queriesRankTheSlowestStatementsByMeanAndTotalTime(TestDatabase db, TestCluster cluster) {
        Assumptions.assumeTrue(Files.exists(cluster.binaries().libDir().resolve("pg_stat_statements.so")),
                "these server binaries ship no pg_stat_statements");
        db.execute("CREATE EXTENSION pg_stat_statements");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.executeQuery("SELECT pg_sleep(0.03)").close();
            }
            for (int i = 0; i < 20; i++) {
                s.executeQuery("SELECT 1 + " + i).close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<SlowQuery> queries = read(db, m -> m.slowQueries(5)).statements();
        SlowQuery first = queries.stream().filter(q -> q.meanRank() == 1).findFirst().orElseThrow();
        assertThat(first.query()).contains("pg_sleep");
        assertThat(first.calls()).isEqualTo(3);
        assertThat(first.meanMs()).isGreaterThanOrEqualTo(30.0);
        assertThat(first.totalMs()).isGreaterThanOrEqualTo(90.0);
        assertThat(queries).allMatch(q -> q.meanRank() <= 5 || q.totalRank() <= 5);
        assertThat(queries).noneMatch(q -> q.query().contains("pg_stat_statements"));
    }

    @Test
    void queriesSayHowToEnablePgStatStatementsWhereItIsNotInstalled(TestDatabase db) {
        assertThatThrownBy(() -> read(db, m -> m.slowQueries(5)))
                .isInstanceOf(SchemataException.class)
                .hasMessageContaining("pg_stat_statements is not installed in database \"" + db.name() + "\"")
                .hasMessageContaining("`CREATE EXTENSION pg_stat_statements;`");
    }

    @Test
    void locksShowWhoWaitsAndWhoBlocks(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE locked (id int)");
        try (Connection holder = db.connect(); Statement hs = holder.createStatement()) {
            holder.setAutoCommit(false);
            hs.execute("LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
            long holderPid;
            try (var rs = hs.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getLong(1);
            }
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> db.query("SELECT count(*) FROM locked"));
            List<LockWait> waits = eventually(() -> read(db, Monitor::lockWaits), w -> !w.isEmpty());
            assertThat(waits).hasSize(1);
            LockWait w = waits.get(0);
            assertThat(w.object()).isEqualTo("locked");
            assertThat(w.mode()).isEqualTo("AccessShareLock");
            assertThat(w.query()).isEqualTo("SELECT count(*) FROM locked");
            assertThat(w.blockers()).singleElement().satisfies(b -> {
                assertThat(b.pid()).isEqualTo(holderPid);
                assertThat(b.state()).isEqualTo("idle in transaction");
                assertThat(b.query()).contains("pg_backend_pid");
            });
            holder.rollback();
            waiter.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(read(db, Monitor::lockWaits)).isEmpty();
    }
}
