package dev.schemata.lint;

import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.ScriptPlan;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationFile;
import dev.schemata.migration.MigrationSet;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which migrations a lint reads, and the lint of the migrations a run is about to apply, on the run's own connection and under its lock, so that
 * it sees exactly what will run: used by the CLI's {@code migrate --lint} and by the library's
 * {@code Schemata.Builder#lint}.
 */
public final class PendingLint {
    /** Files above this size are not linted before a run (they are applied, streamed, all the same). */
    public static final long MAX_LINTED_BYTES = 8L * 1024 * 1024;

    private PendingLint() {
    }

    /**
     * What was found, and the files left out for their size (named as {@code name} names them).
     */
    public record Result(LintReport report, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * @param name how findings name a migration file (a path relative to the working directory, say)
     */
    public static Result lint(List<ScriptPlan> pending, Connection connection, Map<String, String> placeholders,
                              LintOptions options, Function<MigrationFile, String> name) {
        List<LintSource> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ScriptPlan plan : pending) {
            MigrationFile file = plan.source().file();
            if (plan.text() == null && file.size() > MAX_LINTED_BYTES) {
                // Data loads of hundreds of megabytes stream through migrate; the lint would hold them whole.
                skipped.add(name.apply(file));
                continue;
            }
            sources.add(source(plan, placeholders).withName(name.apply(file)));
        }
        return new Result(Linter.lint(sources, Optional.of(connection), options), skipped);
    }

    /** The migrations of {@code set} that {@code status} says are pending (or failed, or out of order), in apply order. */
    public static List<LintSource> pending(MigrationSet set, StatusReport status, Function<MigrationFile, String> name) {
        Set<String> pending = new HashSet<>();
        for (MigrationStatus s : status.migrations()) {
            if (s.file() != null && (s.state() == MigrationState.PENDING || s.state() == MigrationState.FAILED
                    || s.state() == MigrationState.OUT_OF_ORDER)) {
                pending.add(s.file());
            }
        }
        List<LintSource> sources = new ArrayList<>();
        for (Migration m : set.all()) {
            if (pending.contains(m.relativePath())) {
                sources.add(LintSource.of(m).withName(name.apply(m.file())));
            }
        }
        return sources;
    }

    /** Every migration of the set, in apply order, named like {@link #pending}. */
    public static List<LintSource> all(MigrationSet set, Function<MigrationFile, String> name) {
        return set.all().stream().map(m -> LintSource.of(m).withName(name.apply(m.file()))).toList();
    }

    /**
     * The SQL as migrate will send it, so that ${schema}.table names the real table; a file the run has read
     * already is not read again, and without placeholders its statements are not split again either.
     */
    private static LintSource source(ScriptPlan plan, Map<String, String> placeholders) {
        if (plan.text() == null) {
            return withPlaceholders(LintSource.of(plan.source()), placeholders);
        }
        if (placeholders.isEmpty() && plan.text().indexOf("${") < 0) {
            return LintSource.of(plan.source(), plan.text(), plan.statements());
        }
        return withPlaceholders(LintSource.of(plan.source(), plan.text(), null), placeholders);
    }

    private static LintSource withPlaceholders(LintSource source, Map<String, String> placeholders) {
        String sql = source.sql();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        return new LintSource(source.name(), sql, source.lineOffset(), source.rerunnable());
    }
}
