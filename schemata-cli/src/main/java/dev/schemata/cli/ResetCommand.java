package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.DataExport;
import dev.schemata.backup.DatabaseReset;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.SchemaScript;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code schemata reset}: drop and rebuild a development database, optionally keeping its rows. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Drop and recreate the target database, then migrate (or build from the schema file). With --keep-data"
                + " the rows are exported and checked first and loaded back afterwards. Refused on protected environments"
                + " without --force.")
final class ResetCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--from-schema-file", description = "Build from the schema file instead of the migrations.")
    boolean fromSchemaFile;

    @Option(names = "--schema-file", paramLabel = "FILE", description = "The schema file (default: the environment's schema_file, else ./init.sql).")
    Path schemaFile;

    @Option(names = "--keep-data", description = "Export the rows, rebuild, load them back, and report per table what could not be loaded.")
    boolean keepData;

    @Mixin
    DevOption devOption;

    @Mixin
    ProtectionOptions protection;

    /** Collects --yes-i-mean-<dbname> (see ProtectionOptions). */
    @picocli.CommandLine.Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        ConnectionSettings target = target(devOption);
        HistoryTable history = migrations.historyTable();
        Path schema = schemaFile != null ? context().resolve(schemaFile)
                : environment().schemaFile() != null ? environment().schemaFile() : context().resolve(Path.of("init.sql"));
        // Read the inputs before anything is dropped: a typo in a file must not cost the database.
        MigrationSet set = fromSchemaFile ? null : MigrationSet.scan(migrations.dir(context()));
        if (fromSchemaFile && !java.nio.file.Files.isRegularFile(schema)) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "schema file " + schema + " does not exist");
        }
        protection.check(this, "reset (drop and recreate)", target.database(), unmatched);
        Path exportRoot = context().workDir().resolve(".schemata").resolve("reset");
        Set<String> exclude = DataExport.ownTables(history);
        MigrateResult[] migrated = new MigrateResult[1];
        DatabaseReset.Result result = new DatabaseReset(output()::notice).reset(target,
                new DatabaseReset.Request(keepData, exportRoot, exclude), settings -> {
                    if (fromSchemaFile) {
                        int n = SchemaScript.build(ConnectionFactory.of(settings), schema, history, output()::notice);
                        output().notice("built " + target.database() + " from " + schema + " (" + n + " statements, recorded in "
                                + history + ")");
                    } else {
                        migrated[0] = new Migrator(ConnectionFactory.of(settings), history, output()::notice)
                                .migrate(set, MigrateOptions.defaults());
                    }
                });
        if (output().json()) {
            output().json(json(target, result, migrated[0]));
        } else {
            if (result.replaced()) {
                output().result("reset " + target.maskedUrl() + (fromSchemaFile ? " from " + schema.getFileName()
                        : ", now at version " + (migrated[0].currentVersion() == null ? "none" : migrated[0].currentVersion())));
            }
            if (result.load() != null) {
                LoadReport.print(output(), result.load());
            }
        }
        if (!result.replaced()) {
            output().error("not reset: some rows could not be loaded into the rebuilt schema or break it (above); "
                    + target.database() + " was left as it was. The exported data is kept in " + result.export().dir()
                    + "; after fixing the schema, run reset --keep-data again, or load it with `schemata load-data "
                    + result.export().dir() + "`");
            return ErrorCode.OPERATION_FAILED.exitCode();
        }
        if (result.exportKept()) {
            output().notice("the exported data is kept in " + result.export().dir());
        }
        return 0;
    }

    private static Map<String, Object> json(ConnectionSettings target, DatabaseReset.Result result, MigrateResult migrated) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", target.maskedUrl());
        json.put("currentVersion", migrated == null || !result.replaced() ? null : migrated.currentVersion());
        json.put("reset", result.replaced());
        if (result.load() != null) {
            json.put("tables", LoadReport.json(result.load()));
            json.put("exportKept", result.exportKept() ? result.export().dir().toString() : null);
        }
        return json;
    }
}
