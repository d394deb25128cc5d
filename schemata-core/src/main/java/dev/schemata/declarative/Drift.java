package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.history.History;
import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.migration.Checksum;
import dev.schemata.migration.Version;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The two ways a project's schema drifts: its migrations directory and its schema file no longer define
 * the same schema (one was changed and the other forgotten), or a live database no longer matches what its
 * history says was applied to it (a manual change).
 */
public final class Drift {
    private Drift() {
    }

    /**
     * One drift found.
     *
     * @param check    {@code migrations-vs-schema-file} or {@code database-vs-history}
     * @param expected the source that says what the schema should be
     * @param actual   the source compared with it
     * @param plan     the steps that would make {@code actual} equal to {@code expected}
     * @param note     more context, or null
     */
    public record Finding(String check, String expected, String actual, Plan plan, String note) {
    }

    /**
     * One comparison made.
     *
     * @param check    {@code migrations-vs-schema-file} or {@code database-vs-history}
     * @param expected the reference: what the schema should be
     * @param actual   what was compared with it
     */
    public record Comparison(String check, String expected, String actual) {
    }

    /**
     * @param compared    every comparison made, so that "no drift" always says against what
     * @param notCompared objects of a kind the model does not represent, on either side of a comparison: they
     *                    were not compared, so "no drift" cannot vouch for them
     */
    public record Report(List<Finding> findings, List<Comparison> compared, List<String> notCompared) {
        public Report {
            findings = List.copyOf(findings);
            compared = List.copyOf(compared);
            notCompared = List.copyOf(new java.util.TreeSet<>(notCompared));
        }

        public boolean clean() {
            return findings.isEmpty();
        }

        public List<String> checked() {
            return compared.stream().map(Comparison::check).toList();
        }

        /** What the live database was compared with, or null when no database was compared. */
        public String reference() {
            return compared.stream().filter(c -> c.check().equals("database-vs-history")).map(Comparison::expected)
                    .findFirst().orElse(null);
        }
    }

    /**
     * Compares the live database (when given) with its reference, and the migrations with the schema file
     * (when both exist). The database's reference is what its history says built it: the schema file when the
     * latest entry is a declarative apply or build; the migrations up to the highest applied version when
     * versioned migrations were applied (the schema file when there is no migrations directory); with no
     * history, the schema file when there is one, else the migrations (none applied: an empty database). Always at least one comparison is made, or it throws
     * (exit 2) saying why there was nothing to compare with.
     *
     * @param migrations the migrations directory, or null when there is none
     * @param schemaFile the schema file, or null when there is none
     * @param target     the live database, or null to skip the database check
     */
    public static Report check(SchemaLoader loader, SchemaSource.Directory migrations, SchemaFile schemaFile,
                               ConnectionFactory target, PlanOptions options) {
        PlanOptions effective = DeclarativePlanner.withoutOwnTables(options, loader);
        List<Finding> findings = new ArrayList<>();
        List<Comparison> compared = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        if (target != null) {
            // Read first: the live database fixes the server version the other sides are built with.
            var live = loader.readLive(target);
            // The server's casts tell which differences in column types would change values.
            effective = effective.withCasts(loader.casts(new SchemaSource.Live(target)));
            List<HistoryRow> rows = history(target, loader);
            Optional<HistoryRow> last = rows.stream().filter(HistoryRow::success).reduce((a, b) -> b);
            Optional<Version> applied = applied(rows);
            boolean declarative = last.isPresent() && last.get().kind() == HistoryKind.DECLARATIVE;
            String expectedName;
            SchemaModel expected;
            String note = null;
            if (schemaFile != null && (declarative || migrations == null || applied.isEmpty() && rows.isEmpty())) {
                expectedName = schemaFile.display();
                String recorded = declarative ? last.get().checksum() : null;
                if (recorded != null && !recorded.equals(Checksum.of(schemaFile.path()))) {
                    note = "the schema file changed since it was last applied (checksum " + recorded + " then)";
                }
                expected = loader.load(new SchemaSource.File(schemaFile));
            } else if (migrations != null && !declarative) {
                expectedName = migrationsName(migrations, applied);
                expected = fromMigrations(loader, migrations, applied, live);
            } else {
                throw new SchemataException(ErrorCode.BAD_USAGE, "nothing to compare " + target.describe() + " with: "
                        + (declarative ? "its history says it was built from the schema file " + last.get().filename()
                        + ", which was not found (--schema-file)" : "there is no schema file and no migrations directory")
                        + "; drift did not check the database");
            }
            compared.add(new Comparison("database-vs-history", expectedName, target.describe()));
            Plan plan = SchemaDiff.plan(live, expected, effective);
            notCompared.addAll(plan.skipped());
            if (!plan.isEmpty()) {
                findings.add(new Finding("database-vs-history", expectedName, target.describe(), plan, note));
            }
        }
        if (migrations != null && schemaFile != null && Files.isDirectory(migrations.path())) {
            compared.add(new Comparison("migrations-vs-schema-file", schemaFile.display(), migrations.describe()));
            var fromDir = loader.load(migrations);
            var fromFile = loader.load(new SchemaSource.File(schemaFile));
            Plan plan = SchemaDiff.plan(fromDir, fromFile, effective);
            notCompared.addAll(plan.skipped());
            if (!plan.isEmpty()) {
                findings.add(new Finding("migrations-vs-schema-file", schemaFile.display(), migrations.describe(), plan,
                        "run `schemata generate NAME` to write the migration that takes the directory to the file"));
            }
        }
        if (compared.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "nothing was compared: without a database (--url, --env) drift"
                    + " compares the migrations directory with the schema file, and "
                    + (migrations == null ? "there is no migrations directory" : "there is no schema file"));
        }
        return new Report(findings, compared, notCompared);
    }

    /**
     * The live database against the schema its applied migrations produce (built on a scratch database), whatever
     * else its history holds: what {@code validate --schema} checks.
     */
    public static Report againstMigrations(SchemaLoader loader, SchemaSource.Directory migrations, ConnectionFactory target,
                                           PlanOptions options) {
        PlanOptions effective = DeclarativePlanner.withoutOwnTables(options, loader);
        var live = loader.readLive(target);
        effective = effective.withCasts(loader.casts(new SchemaSource.Live(target)));
        Optional<Version> applied = applied(history(target, loader));
        String expectedName = migrationsName(migrations, applied);
        Plan plan = SchemaDiff.plan(live, fromMigrations(loader, migrations, applied, live), effective);
        List<Finding> findings = plan.isEmpty() ? List.of()
                : List.of(new Finding("database-vs-history", expectedName, target.describe(), plan, null));
        return new Report(findings, List.of(new Comparison("database-vs-history", expectedName, target.describe())),
                plan.skipped());
    }

    private static Optional<Version> applied(List<HistoryRow> rows) {
        return rows.stream().filter(r -> r.success() && r.countsAsApplied() && r.version() != null)
                .map(r -> Version.tryParse(r.version())).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    private static String migrationsName(SchemaSource.Directory migrations, Optional<Version> applied) {
        return migrations.describe() + applied.map(v -> " up to version " + v.text()).orElse(" (nothing applied)");
    }

    private static SchemaModel fromMigrations(SchemaLoader loader, SchemaSource.Directory migrations, Optional<Version> applied,
                                              SchemaModel live) {
        return applied.isPresent() ? loader.fromMigrations(migrations, applied.get()) : loader.nothingApplied(live);
    }

    private static List<HistoryRow> history(ConnectionFactory target, SchemaLoader loader) {
        try (Connection c = target.open()) {
            return new History(loader.historyTable()).read(c);
        } catch (SQLException e) {
            throw target.failure(e);
        }
    }
}
