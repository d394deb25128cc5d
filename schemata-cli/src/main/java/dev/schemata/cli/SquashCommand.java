package dev.schemata.cli;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.migration.Migration;
import dev.schemata.squash.Squasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schemata squash --to V}: one baseline migration instead of the migrations up to V. */
@Command(name = "squash", mixinStandardHelpOptions = true,
        description = "Replace the migrations up to --to with one baseline migration that builds the same schema and "
                + "rows, proven equal on throwaway databases first. The replaced files are moved to a .squashed-to-V/ "
                + "folder of the directory, which the scan skips; databases that have them applied count the baseline "
                + "as applied. Fails (exit 1) listing objects of a kind it cannot write, unless --allow-unsupported.")
final class SquashCommand extends DeclarativeCommand {
    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The last migration to squash.")
    String to;

    @Option(names = "--dry-run", description = "Build and prove the baseline, print it and the files that would be "
            + "moved; change nothing.")
    boolean dryRun;

    @picocli.CommandLine.Mixin
    UnsupportedOption unsupported;

    @Override
    public Integer call() {
        Path dir = migrations.dir(context());
        Squasher.Result result;
        try (SchemaLoader loader = loader(fallbackMajor())) {
            result = Squasher.squash(loader, dir, MigrateCommand.parseVersion(to),
                    declarative.planOptions().ignoring(new QualifiedName(historyTable().schema(), historyTable().name())),
                    plan -> unsupported.check(plan, "squash cannot write the baseline", output()), dryRun);
        }
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dryRun", dryRun);
            json.put("baseline", show(result.baseline()));
            json.put("version", result.replaced().get(result.replaced().size() - 1).version().text());
            json.put("replaced", result.replaced().stream().map(Migration::relativePath).toList());
            json.put("archive", show(result.archive()));
            json.put("moved", result.moves().stream().map(m -> Map.of("from", show(m.from()), "to", show(m.to()))).toList());
            json.put("tables", result.tables());
            json.put("rows", result.rows());
            json.put("sequences", result.sequences());
            json.put("skipped", result.plan().skipped());
            if (dryRun) {
                json.put("sql", result.sql());
            }
            output().json(json);
            return 0;
        }
        String what = result.replaced().size() + " migration" + (result.replaced().size() == 1 ? "" : "s") + " "
                + result.replaced().get(0).version().text() + " to " + result.replaced().get(result.replaced().size() - 1).version().text();
        String data = result.rows() == 0 && result.sequences() == 0 ? "" : ", with " + result.rows() + " row(s) in "
                + result.tables() + " table(s) and " + result.sequences() + " sequence position(s)";
        if (dryRun) {
            context().out().print(result.sql());
            context().out().flush();
            output().notice("Dry run: nothing was written or moved. Would write " + show(result.baseline()) + data
                    + ", proven to build the same schema and rows as the " + what + ", and move to " + show(result.archive()) + ":");
            result.moves().forEach(m -> output().notice("  " + show(m.from())));
            return 0;
        }
        output().result("Wrote " + show(result.baseline()) + data + ": it builds the same schema and rows as the " + what
                + " (checked on throwaway databases).");
        output().result("Moved the replaced files to " + show(result.archive()) + " (skipped by the scan):");
        result.moves().forEach(m -> output().result("  " + show(m.from())));
        output().result("Databases that have them applied count the baseline as applied. Once every database is at "
                + result.replaced().get(result.replaced().size() - 1).version().text() + " or later, the archive can be deleted.");
        return 0;
    }

    private String show(Path path) {
        Path work = context().workDir();
        return path.startsWith(work) ? work.relativize(path).toString() : path.toString();
    }
}
