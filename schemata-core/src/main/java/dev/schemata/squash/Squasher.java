package dev.schemata.squash;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.declarative.SchemaDump;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.SchemaDifferences;
import dev.schemata.migrate.SquashedBaseline;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationFile;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.NewMigration;
import dev.schemata.migration.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes one baseline migration equal to what the migrations up to a version build, and moves those
 * migrations to an archive folder that the directory scan skips ({@code .squashed-to-V/}, a dot folder).
 *
 * <p>The order makes it safe: the migrations are applied on a throwaway database and read back (schema, rows,
 * sequences); the baseline is written from that and applied on a second throwaway database; both must read
 * back equal, by the same catalog comparison {@code drift} uses, and hold the same rows, before any file is
 * written or moved. The baseline takes the version of the last migration it replaces and lists every
 * replaced migration with its checksum ({@link SquashedBaseline}), so a database that has them applied counts
 * it as applied and a new database runs it instead of them.
 */
public final class Squasher {
    /** What the baseline is called, in the directory's own naming style. */
    public static final String DESCRIPTION = "squashed_baseline";

    /** A file or folder moved to the archive. */
    public record Move(Path from, Path to) {
    }

    /**
     * What squash wrote, or would write.
     *
     * @param baseline  the baseline's file
     * @param sql       its content
     * @param replaced  the migrations it replaces, in order
     * @param moves     the files and folders moved to the archive, in order
     * @param archive   the archive folder
     * @param plan      the schema part of the baseline (objects it leaves out are in {@link Plan#skipped()})
     * @param tables    tables whose rows the baseline loads
     * @param rows      rows it loads
     * @param sequences sequences whose position it sets
     * @param written   false for a dry run
     */
    public record Result(Path baseline, String sql, List<Migration> replaced, List<Move> moves, Path archive, Plan plan,
                         int tables, long rows, int sequences, boolean written) {
    }

    private Squasher() {
    }

    /**
     * Squashes the migrations of {@code dir} up to and including {@code target}.
     *
     * @param checkPlan throws when the schema holds objects the baseline cannot write and that was not allowed
     * @throws SchemataException {@link ErrorCode#BAD_USAGE} for a version that is not a migration's, or a target
     *                           path that exists; {@link ErrorCode#OPERATION_FAILED} when the baseline does not
     *                           rebuild the same schema and rows (nothing is written then)
     */
    public static Result squash(SchemaLoader loader, Path dir, Version target, PlanOptions options, Consumer<Plan> checkPlan,
                                boolean dryRun) {
        MigrationSet set = MigrationSet.scan(dir);
        Migration last = set.versioned().stream().filter(m -> m.version().compareTo(target) == 0).findFirst()
                .orElseThrow(() -> new SchemataException(ErrorCode.BAD_USAGE, "no migration has version " + target.text()
                        + (set.versioned().isEmpty() ? "; " + dir + " holds no versioned migration"
                        : "; the versions run from " + set.versioned().get(0).version().text() + " to "
                        + set.versioned().get(set.versioned().size() - 1).version().text())));
        List<Migration> replaced = set.versioned().stream().filter(m -> m.version().compareTo(target) <= 0).toList();
        if (replaced.size() == 1 && SquashedBaseline.of(last).isPresent()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, last.relativePath() + " is already a squashed baseline up to "
                    + target.text() + ": nothing to squash");
        }
        Path archive = dir.resolve(SquashedBaseline.archiveFolder(last.version()));
        if (Files.exists(archive, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "not squashing: " + archive + " already exists; move it away first");
        }
        // The history table and its side table are the migration runner's: neither schema nor rows of the baseline.
        Set<QualifiedName> own = new LinkedHashSet<>();
        PlanOptions dumpOptions = options;
        for (HistoryTable table : loader.historyTable().ownTables()) {
            own.add(new QualifiedName(table.schema(), table.name()));
            dumpOptions = dumpOptions.ignoring(new QualifiedName(table.schema(), table.name()));
        }
        QualifiedName history = new QualifiedName(loader.historyTable().schema(), loader.historyTable().name());

        TableRows[] data = new TableRows[1];
        SchemaModel model = loader.fromMigrations(new SchemaSource.Directory(dir), target,
                c -> data[0] = rows(c, loader, own, history));
        Plan plan = SchemaDump.plan(model, dumpOptions);
        checkPlan.accept(plan);

        Path baseline = baselinePath(dir, last);
        String sql = content(last, header(replaced, target, archive.getFileName().toString(), data[0]), plan, data[0]);
        verify(loader, last, sql, model, data[0], dumpOptions, own, history);

        List<Move> moves = moves(dir, archive, replaced);
        Result result = new Result(baseline, sql, replaced, moves, archive, plan, data[0].tables().size(), data[0].rowCount(),
                data[0].sequences().size(), !dryRun);
        if (!dryRun) {
            write(dir, archive, baseline, sql, moves);
        }
        return result;
    }

    private static TableRows rows(java.sql.Connection c, SchemaLoader loader, Set<QualifiedName> own, QualifiedName history) {
        try {
            return TableRows.read(c, loader.filter(), own, history);
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot read the rows the migrations wrote: " + e.getMessage(), e);
        }
    }

    /** Where the baseline goes: at the top of the directory, named in the style of the last migration it replaces. */
    private static Path baselinePath(Path dir, Migration last) {
        return NewMigration.files(dir, last.version(), DESCRIPTION, last.layout()).get(0).path();
    }

    private static String header(List<Migration> replaced, Version target, String archive, TableRows data) {
        StringBuilder h = new StringBuilder();
        h.append("Squashed baseline: the schema and rows that migrations ").append(replaced.get(0).version().text())
                .append(" to ").append(target.text()).append(" build, written by `schemata squash --to ").append(target.text())
                .append("`.\n");
        h.append("It replaces the migrations listed below (moved to ").append(archive).append("/). A database that has\n");
        h.append("them applied counts this file as applied; a new database runs it instead of them.\n");
        if (!data.tables().isEmpty() || !data.sequences().isEmpty()) {
            h.append("Rows: ").append(data.rowCount()).append(" in ").append(data.tables().size()).append(" table(s), and ")
                    .append(data.sequences().size()).append(" sequence position(s), at the end of the file.\n");
        }
        Set<String> entries = new LinkedHashSet<>();
        for (Migration m : replaced) {
            SquashedBaseline.of(m).ifPresent(earlier -> earlier.replaced().forEach(r ->
                    entries.add(r.version() + " " + r.checksum() + " " + r.file())));
            entries.add(m.version().text() + " " + m.checksum() + " " + m.relativePath());
        }
        entries.forEach(e -> h.append("schemata:squashed ").append(e).append('\n'));
        return h.toString();
    }

    private static String content(Migration last, String header, Plan plan, TableRows data) {
        StringBuilder sql = new StringBuilder();
        if (last.layout() == Migration.Layout.DBMATE) {
            sql.append("-- migrate:up\n");
        }
        sql.append(SchemaDump.script(plan, header));
        String rows = data.script();
        if (!rows.isEmpty()) {
            sql.append("\n-- The rows the replaced migrations left, and where their sequences stood.\n").append(rows);
        }
        return sql.toString();
    }

    private static void verify(SchemaLoader loader, Migration last, String sql, SchemaModel expected,
                               TableRows expectedRows, PlanOptions options, Set<QualifiedName> own, QualifiedName history) {
        Path scratchDir = null;
        try {
            scratchDir = Files.createTempDirectory("schemata-squash");
            Path file = baselinePath(scratchDir, last);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql, StandardCharsets.UTF_8);
            TableRows[] rows = new TableRows[1];
            SchemaModel rebuilt;
            try {
                rebuilt = loader.fromMigrations(new SchemaSource.Directory(scratchDir), null, c -> rows[0] = rows(c, loader, own, history));
            } catch (SchemataException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "the squashed baseline fails on a throwaway database,"
                        + " so nothing was written: " + e.getMessage(), e);
            }
            List<String> problems = new ArrayList<>();
            if (!SchemaDiff.plan(rebuilt, expected, options).isEmpty()) {
                problems.addAll(SchemaDifferences.describe(SchemaDifferences.between(expected, rebuilt), "extra", "missing"));
                if (problems.isEmpty()) {
                    problems.add("the schema comparison finds differences it cannot name");
                }
            }
            for (Map.Entry<String, String> e : expectedRows.fingerprints().entrySet()) {
                String got = rows[0].fingerprints().get(e.getKey());
                if (!Objects.equals(got, e.getValue())) {
                    problems.add(e.getKey() + ": the rows differ (" + summary(e.getValue()) + " after the migrations, "
                            + summary(got) + " after the baseline)");
                }
            }
            if (!problems.isEmpty()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "the squashed baseline does not rebuild what the"
                        + " migrations build, so nothing was written:\n  " + String.join("\n  ", problems));
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write a scratch copy of the baseline: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratchDir);
        }
    }

    private static String summary(String fingerprint) {
        if (fingerprint == null) {
            return "absent";
        }
        int space = fingerprint.indexOf(' ');
        return space < 0 ? "value " + fingerprint : fingerprint.substring(0, space) + " rows";
    }

    /** The replaced files, each with its down part; a Diesel migration as its whole folder. */
    private static List<Move> moves(Path dir, Path archive, List<Migration> replaced) {
        Set<Path> sources = new LinkedHashSet<>();
        for (Migration m : replaced) {
            if (m.layout() == Migration.Layout.DIESEL) {
                sources.add(onDisk(m.file()).getParent());
            } else {
                sources.add(onDisk(m.file()));
                m.down().ifPresent(d -> sources.add(onDisk(d.file())));
            }
        }
        List<Move> moves = new ArrayList<>();
        for (Path source : sources) {
            moves.add(new Move(source, archive.resolve(dir.relativize(source))));
        }
        return moves;
    }

    /** Squash rewrites a directory, so every file it moves is on disk (the set was scanned from that directory). */
    private static Path onDisk(MigrationFile file) {
        return ((MigrationFile.OnDisk) file).path();
    }

    private static void write(Path dir, Path archive, Path baseline, String sql, List<Move> moves) {
        Path temp = dir.resolve(".squash-" + baseline.getFileName() + ".tmp");
        List<Move> done = new ArrayList<>();
        try {
            // The baseline is written under a name the scan skips, then the replaced files are moved, then it is
            // renamed: a failure part-way moves back what was moved, and the directory is as it was.
            Files.writeString(temp, sql, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            for (Move move : moves) {
                Files.createDirectories(move.to().getParent());
                Files.move(move.from(), move.to());
                done.add(move);
            }
            Files.createDirectories(baseline.getParent());
            if (Files.exists(baseline)) {
                throw new FileAlreadyExistsException(baseline.toString());
            }
            Files.move(temp, baseline);
        } catch (IOException e) {
            for (int i = done.size() - 1; i >= 0; i--) {
                try {
                    Files.move(done.get(i).to(), done.get(i).from());
                } catch (IOException ignored) {
                    // reported below: the message names the archive, where anything not moved back is
                }
            }
            deleteQuietly(temp);
            removeEmptyFolders(archive);
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot squash: " + e.getMessage()
                    + "; the migrations directory is left as it was (check " + archive + " for anything not moved back)", e);
        }
    }

    /** Removes the folders under {@code path} (and it) that hold nothing, never a file. */
    private static void removeEmptyFolders(Path path) {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).filter(Files::isDirectory).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException notEmpty) {
                    // holds a file that could not be moved back: kept, and the error message names the folder
                }
            }
        } catch (IOException ignored) {
            // as above
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a scratch file left behind in a temp directory is harmless
        }
    }
}
