package dev.schemata.declarative;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
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

    public record Report(List<Finding> findings, List<String> checked) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    /**
     * @param migrations the migrations directory, or null when there is none
     * @param schemaFile the schema file, or null when there is none
     * @param target     the live database, or null to skip the database check
     */
    public static Report check(SchemaLoader loader, SchemaSource.Directory migrations, SchemaFile schemaFile,
                               ConnectionSettings target, PlanOptions options) {
        PlanOptions effective = DeclarativePlanner.withoutOwnTables(options, loader);
        List<Finding> findings = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        if (target != null) {
            // Read first: the live database fixes the server version the other sides are built with.
            var live = loader.readLive(target);
            checked.add("database-vs-history");
            List<HistoryRow> rows = history(target, loader);
            Optional<HistoryRow> lastDeclarative = rows.stream().filter(r -> r.success() && r.kind() == HistoryKind.DECLARATIVE)
                    .reduce((a, b) -> b);
            Optional<Version> applied = rows.stream().filter(r -> r.success() && r.countsAsApplied() && r.version() != null)
                    .map(r -> Version.tryParse(r.version())).flatMap(Optional::stream).max(Comparator.naturalOrder());
            boolean declarativeIsLatest = lastDeclarative.isPresent() && rows.stream().filter(HistoryRow::success)
                    .reduce((a, b) -> b).map(r -> r == lastDeclarative.get()).orElse(false);
            if (declarativeIsLatest && schemaFile != null) {
                String note = null;
                String recorded = lastDeclarative.get().checksum();
                if (recorded != null && !recorded.equals(Checksum.of(schemaFile.path()))) {
                    note = "the schema file changed since it was last applied (checksum " + recorded + " then)";
                }
                Plan plan = SchemaDiff.plan(live, loader.load(new SchemaSource.File(schemaFile)), effective);
                if (!plan.isEmpty()) {
                    findings.add(new Finding("database-vs-history", schemaFile.display(), target.maskedUrl(), plan, note));
                }
            } else if (migrations != null && (applied.isPresent() || rows.isEmpty())) {
                var expected = applied.isPresent() ? loader.fromMigrations(migrations, applied.get())
                        : SchemaDump.freshDatabase(live);
                Plan plan = SchemaDiff.plan(live, expected, effective);
                if (!plan.isEmpty()) {
                    findings.add(new Finding("database-vs-history", migrations.describe()
                            + applied.map(v -> " up to version " + v.text()).orElse(" (nothing applied)"),
                            target.maskedUrl(), plan, null));
                }
            }
        }
        if (migrations != null && schemaFile != null && Files.isDirectory(migrations.path())) {
            checked.add("migrations-vs-schema-file");
            var fromDir = loader.load(migrations);
            var fromFile = loader.load(new SchemaSource.File(schemaFile));
            Plan plan = SchemaDiff.plan(fromDir, fromFile, effective);
            if (!plan.isEmpty()) {
                findings.add(new Finding("migrations-vs-schema-file", schemaFile.display(), migrations.describe(), plan,
                        "run `schemata generate NAME` to write the migration that takes the directory to the file"));
            }
        }
        return new Report(findings, checked);
    }

    private static List<HistoryRow> history(ConnectionSettings target, SchemaLoader loader) {
        try (Connection c = Database.connect(target)) {
            return new History(loader.historyTable()).read(c);
        } catch (SQLException e) {
            throw Database.connectionFailure(target, e);
        }
    }
}
