package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.execute.Executor;
import dev.schemata.execute.UnitFailed;
import dev.schemata.migrate.RollbackCheck.Outcome;
import dev.schemata.migrate.SchemaDifferences.Difference;
import dev.schemata.migration.DownMigration;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.SqlSource;
import dev.schemata.sql.Statement;
import dev.schemata.sql.TransactionRules;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Proves on a throwaway database that each down migration undoes its up migration. For each migration k in
 * version order: apply up k, run down k, apply up k again, reading the catalog after each step. After the
 * down the schema must equal the one before up k; after the second up it must equal the one after the first.
 *
 * <p>One throwaway database serves the whole sequence, and each state is read once (the state after
 * migration k is the state before k + 1), so a migration costs three catalog reads. When a step fails, the
 * database is back where that step started if the step ran in a transaction; when it did not (a down with
 * {@code DROP INDEX CONCURRENTLY}, say), or the second up failed after the down, the database is created
 * again and the ups replayed, so later migrations are still checked from the right state.
 *
 * <p>Only the schema is compared, not the data: a down that deletes the rows a data migration inserted
 * cannot be told from one that does not.
 */
public final class RollbackVerifier {
    private final Consumer<String> progress;

    public RollbackVerifier(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * Checks the migrations the options select, on a throwaway database created on {@code server}'s server
     * and dropped afterwards. Every file is read before the database is created.
     *
     * @throws SchemataException with {@code OPERATION_FAILED} when a migration would change objects shared by
     *         the whole server and {@link VerifyRollbackOptions#allowClusterChanges()} is off, or the throwaway
     *         database cannot be created; with {@code MIGRATION_FAILED} when a migration applied before the
     *         first checked one fails
     */
    public RollbackVerification verify(ConnectionSettings server, MigrationSet set, VerifyRollbackOptions options) {
        long started = System.nanoTime();
        List<Migration> prepare = new ArrayList<>();
        List<Migration> check = new ArrayList<>();
        for (Migration m : set.versioned()) {
            if (options.to() != null && m.version().compareTo(options.to()) > 0) {
                break;
            }
            (options.from() != null && m.version().compareTo(options.from()) < 0 ? prepare : check).add(m);
        }
        if (check.isEmpty()) {
            progress.accept("verify-rollback: no migration to check");
            return new RollbackVerification(List.of(), 0, Duration.ofNanos(System.nanoTime() - started));
        }
        int major;
        try (Connection c = Database.connect(server)) {
            major = c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw Inspector.failure("connecting to " + server.maskedUrl(), e);
        }
        Map<SqlSource, ScriptPlan> plans = new HashMap<>();
        List<String> clusterWide = new ArrayList<>();
        for (Migration m : prepare) {
            plans.put(m, plan(m, major, options, clusterWide));
        }
        for (Migration m : check) {
            plans.put(m, plan(m, major, options, clusterWide));
            m.down().ifPresent(d -> plans.put(d, plan(d, major, options, clusterWide)));
        }
        if (!clusterWide.isEmpty() && !options.allowClusterChanges()) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "verify-rollback refused: these statements change"
                    + " objects shared by the whole server of " + server.maskedUrl() + ", not only the throwaway database:\n  - "
                    + String.join("\n  - ", clusterWide) + "\nRun it against a server you may change (the dev database,"
                    + " or a staging server with --url) and pass --allow-cluster-changes.");
        }
        try (ScratchServer scratchServer = ScratchServer.on(server, options.scratchSuperuser());
             Run run = new Run(scratchServer, plans, options.placeholders())) {
            progress.accept("verify-rollback: checking " + check.size() + " migration" + (check.size() == 1 ? "" : "s")
                    + " on the throwaway database " + run.scratch.name());
            run.prepare(prepare);
            List<RollbackCheck> checks = run.check(prepare, check);
            return new RollbackVerification(checks, prepare.size(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static ScriptPlan plan(SqlSource source, int major, VerifyRollbackOptions options, List<String> clusterWide) {
        ScriptPlan plan = ScriptRunner.plan(source, major, options.placeholders());
        ScriptRunner.forEach(plan, st -> clusterWideCommand(st).ifPresent(command ->
                clusterWide.add(source.relativePath() + ":" + (st.line() + source.lineOffset()) + ": " + command)));
        return plan;
    }

    /** A statement that changes objects of the whole server, not only the throwaway database (see {@link TransactionRules}). */
    static Optional<String> clusterWideCommand(Statement st) {
        return TransactionRules.clusterWideCommand(st);
    }

    // ---------------------------------------------------------------- one verification run

    /** The throwaway database and its one connection, re-created when a failed step left it in an unknown state. */
    private final class Run implements AutoCloseable {
        private final ScratchServer server;
        private ScratchServer.ScratchDatabase scratch;
        private final Map<SqlSource, ScriptPlan> plans;
        private final Map<String, String> placeholders;
        private Connection c;

        Run(ScratchServer server, Map<SqlSource, ScriptPlan> plans, Map<String, String> placeholders) {
            this.server = server;
            this.scratch = server.create();
            this.plans = plans;
            this.placeholders = placeholders;
            this.c = Database.connect(scratch.settings());
        }

        /** Applies the migrations below the first checked one, without checks. */
        void prepare(List<Migration> migrations) {
            if (!migrations.isEmpty()) {
                progress.accept("verify-rollback: applying " + migrations.size() + " earlier migration"
                        + (migrations.size() == 1 ? "" : "s") + " first");
            }
            for (Migration m : migrations) {
                Ran up = run(m);
                if (up.error() != null) {
                    throw new SchemataException(ErrorCode.MIGRATION_FAILED, "verify-rollback: applying " + m.relativePath()
                            + " to reach the first checked migration failed: " + up.error());
                }
            }
        }

        List<RollbackCheck> check(List<Migration> prepare, List<Migration> check) {
            List<RollbackCheck> checks = new ArrayList<>();
            SchemaModel before = read();
            for (int i = 0; i < check.size(); i++) {
                Migration m = check.get(i);
                long t0 = System.nanoTime();
                Result result = checkOne(m, before);
                if (result.rebuild()) {
                    List<Migration> replay = new ArrayList<>(prepare);
                    replay.addAll(check.subList(0, i + 1));
                    rebuild(replay);
                    before = read();
                } else {
                    before = result.state();
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                RollbackCheck one = new RollbackCheck(m.version().text(), m.description(), m.relativePath(),
                        m.down().map(DownMigration::relativePath).orElse(null), result.outcome(), result.message(),
                        result.differences(), ms);
                checks.add(one);
                progress.accept("verify-rollback: " + m.label() + ": " + result.outcome().label().replace('_', ' ')
                        + " (" + ms + " ms)");
                if (result.outcome() == Outcome.UP_FAILED) {
                    for (Migration rest : check.subList(i + 1, check.size())) {
                        checks.add(new RollbackCheck(rest.version().text(), rest.description(), rest.relativePath(),
                                rest.down().map(DownMigration::relativePath).orElse(null), Outcome.NOT_VERIFIED,
                                "not checked: " + m.relativePath() + " failed before it", List.of(), 0));
                    }
                    break;
                }
            }
            return checks;
        }

        /**
         * @param state   the schema after this check, for the next one (unless rebuild)
         * @param rebuild the database's state is unknown or wrong: create it again and replay the ups
         */
        private record Result(Outcome outcome, String message, List<String> differences, SchemaModel state, boolean rebuild) {
        }

        private Result checkOne(Migration m, SchemaModel before) {
            Ran up = run(m);
            if (up.error() != null) {
                return new Result(Outcome.UP_FAILED, up.error(), List.of(), before, false);
            }
            SchemaModel after = read();
            if (m.down().isEmpty()) {
                return new Result(Outcome.MISSING_DOWN, "no down migration (expected " + Rollback.expectedDown(m) + ")",
                        List.of(), after, false);
            }
            DownMigration down = m.down().get();
            if (plans.get(down).statementCount() == 0) {
                List<Difference> changed = SchemaDifferences.between(before, after);
                return significant(changed)
                        ? new Result(Outcome.EMPTY_DOWN, "the down is empty but the up changed the schema",
                        SchemaDifferences.describe(changed, "remains", "is missing"), after, false)
                        : new Result(Outcome.OK, "the down is empty and the up changes no schema object", List.of(), after, false);
            }
            Ran undo = run(down);
            if (undo.error() != null) {
                return new Result(Outcome.DOWN_FAILED, undo.error(), List.of(), after, undo.partial());
            }
            SchemaModel afterDown = read();
            List<Difference> left = SchemaDifferences.between(before, afterDown);
            Ran again = run(m);
            if (again.error() != null) {
                // A down that leaves something behind often makes the up fail next time: the cause comes first.
                return significant(left)
                        ? new Result(Outcome.LEAVES_DIFFERENCE, "after the down the schema differs from the one before the up;"
                        + " applying the up again then failed: " + again.error(),
                        SchemaDifferences.describe(left, "remains", "is missing"), after, true)
                        : new Result(Outcome.REAPPLY_FAILED, "after the down, applying the up again failed: " + again.error(),
                        SchemaDifferences.describe(left, "remains", "is missing"), after, true);
            }
            SchemaModel afterAgain = read();
            List<Difference> differs = SchemaDifferences.between(after, afterAgain);
            List<String> described = new ArrayList<>(SchemaDifferences.describe(left, "remains", "is missing"));
            SchemaDifferences.describe(differs, "is extra", "is missing")
                    .forEach(d -> described.add("after applying the up again: " + d));
            if (significant(left)) {
                return new Result(Outcome.LEAVES_DIFFERENCE, "after the down the schema differs from the one before the up",
                        described, afterAgain, false);
            }
            if (significant(differs)) {
                return new Result(Outcome.REAPPLY_DIFFERS, "after the down, applying the up again gives a different schema",
                        described, afterAgain, false);
            }
            return new Result(Outcome.OK, described.isEmpty() ? null : "passes; only the order of columns differs",
                    described, afterAgain, false);
        }

        /** Whether a difference counts against a down: anything but the order of columns. */
        private static boolean significant(List<Difference> differences) {
            return differences.stream().anyMatch(d -> d.change() != SchemaDifferences.Change.COLUMN_ORDER);
        }

        /** A script ran: {@code error} is null on success; {@code partial} when it failed part-way outside a transaction. */
        private record Ran(String error, boolean partial) {
        }

        private Ran run(SqlSource source) {
            ScriptPlan plan = plans.get(source);
            try {
                new Executor(c).run(ScriptRunner.unit(plan, placeholders));
                return new Ran(null, false);
            } catch (UnitFailed e) {
                String error = e.getMessage() + server.privilegeHint(e.sqlException());
                return plan.transactional() ? new Ran(error, false)
                        : new Ran(error + "\n  (it ran outside a transaction; statements before it stayed applied)", e.index() > 1);
            } catch (SQLException e) {
                throw Inspector.failure("running " + source.relativePath() + " on the throwaway database " + scratch.name(), e);
            }
        }

        private SchemaModel read() {
            return CatalogReader.read(c, SchemaFilter.all());
        }

        private void rebuild(List<Migration> ups) {
            progress.accept("verify-rollback: re-creating the throwaway database and applying " + ups.size()
                    + " migration" + (ups.size() == 1 ? "" : "s") + " again");
            closeConnection();
            scratch.close();
            scratch = server.create();
            c = Database.connect(scratch.settings());
            for (Migration m : ups) {
                Ran up = run(m);
                if (up.error() != null) {
                    throw new SchemataException(ErrorCode.MIGRATION_FAILED, "verify-rollback: re-applying " + m.relativePath()
                            + " on a fresh throwaway database failed: " + up.error());
                }
            }
        }

        private void closeConnection() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the database is dropped next anyway
            }
        }

        @Override
        public void close() {
            closeConnection();
            scratch.close();
        }
    }
}
