package dev.schemata.declarative;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.diff.Step;
import dev.schemata.migration.Checksum;
import dev.schemata.sql.Statement;

import java.util.List;

/**
 * Plans from one schema source to another. When the desired side is a schema file, its rename hints are
 * honoured: the renames run first, and the rest of the plan is computed against a rehearsal of the current
 * schema with the renames done (built from a dump on a throwaway database), so the server itself says what
 * the renamed objects look like.
 */
public final class DeclarativePlanner {
    private static final dev.schemata.diff.Hazard RENAME = new dev.schemata.diff.Hazard(
            dev.schemata.diff.HazardKind.ACCESS_EXCLUSIVE_LOCK,
            "Renames take an ACCESS EXCLUSIVE lock briefly; queries that use the old name stop working.");

    private DeclarativePlanner() {
    }

    /** What the schema file says by itself (it needs no server): read while the file is built. */
    private static final class FileFacts {
        private List<RenameHint> hints;
        private String checksum;
        private List<Statement> statements;

        void read(SchemaFile file) {
            hints = RenameHints.find(file);
            checksum = Checksum.of(file.path());
            statements = file.statements();
        }
    }

    /** The plan and both models it was made from. */
    public record Result(Plan plan, SchemaModel from, SchemaModel to, List<String> renames) {
    }

    /** The history table and its side tables are Schemata's own, never part of a schema comparison. */
    public static PlanOptions withoutOwnTables(PlanOptions options, SchemaLoader loader) {
        PlanOptions effective = options;
        for (dev.schemata.history.HistoryTable own : loader.historyTable().ownTables()) {
            effective = effective.ignoring(new QualifiedName(own.schema(), own.name()));
        }
        return effective;
    }

    /**
     * The plan from one source to another. When the desired side is a schema file, its data statements for
     * the tables the plan creates follow the schema steps, and its other data statements are listed as not
     * applied.
     */
    public static Result plan(SchemaLoader loader, SchemaSource from, SchemaSource to, PlanOptions options) {
        return plan(loader, from, to, options, false);
    }

    /**
     * The plan that {@code apply} runs on a live database: as {@link #plan}, except that a database with no
     * objects of its own (and all schemas compared) gets the schema file itself, run as written.
     */
    public static Result forApply(SchemaLoader loader, SchemaSource.Live target, SchemaFile file, PlanOptions options) {
        return plan(loader, target, new SchemaSource.File(file), options, true);
    }

    private static Result plan(SchemaLoader loader, SchemaSource from, SchemaSource to, PlanOptions options,
                               boolean mayRunAsWritten) {
        SchemaFile file = to instanceof SchemaSource.File f ? f.file() : null;
        FileFacts facts = new FileFacts();
        SchemaLoader.Sides sides = loader.loadBoth(from, to, file == null ? () -> { } : () -> facts.read(file));
        SchemaModel current = sides.from();
        SchemaModel desired = sides.to();
        // The casts of the database being changed tell which type changes may alter values.
        PlanOptions effective = DeclarativePlanner.withoutOwnTables(options, loader).withCasts(sides.casts());
        List<String> renames = file == null ? List.of() : Renames.statements(facts.hints, current, desired);
        String checksum = facts.checksum;
        Plan plan;
        if (mayRunAsWritten && file != null && loader.filter().equals(SchemaFilter.all())
                && SeedData.hasNoObjects(current, effective)) {
            // Nothing to keep: the file runs as written, data and all (the seed workflow's clean rebuild).
            return new Result(SeedData.asWritten(file, loader.major(), checksum), current, desired, renames);
        }
        SchemaModel before = current;
        if (renames.isEmpty()) {
            plan = SchemaDiff.plan(current, desired, effective);
        } else {
            before = loader.replay(SchemaDump.plan(current, effective), renames);
            var lockTimeout = effective.lockTimeout();
            plan = SchemaDiff.plan(before, desired, effective)
                    .after(renames.stream().map(sql -> Step.of(sql, RENAME).withLockTimeout(lockTimeout)).toList());
        }
        if (from instanceof SchemaSource.Live live) {
            plan = ChangedRows.count(live.connections(), plan, !renames.isEmpty());
        }
        if (file != null) {
            plan = SeedData.carry(plan, file, facts.statements, before, desired, loader.major());
        }
        return new Result(plan.withSourceChecksum(checksum), current, desired, renames);
    }
}
