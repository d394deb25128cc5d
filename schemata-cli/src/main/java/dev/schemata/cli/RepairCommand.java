package dev.schemata.cli;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.migrate.Maintenance;
import dev.schemata.migrate.RepairResult;
import dev.schemata.migration.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schemata repair}: clean up after a failed run. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Remove failed history rows and drop indexes our failed concurrent builds left INVALID; "
                + "with --accept-checksum, re-record one version's checksum after an intentional edit.")
final class RepairCommand extends BaseCommand {
    @Mixin
    MigrationsOptions migrations;

    @Option(names = "--accept-checksum", paramLabel = "VERSION", description = "Re-record the checksum of this version only.")
    String acceptChecksum;

    @Mixin
    LockWaitOption lockWait;

    @Override
    public Integer call() {
        MigrationSet set = MigrationSet.scan(migrations.dir(context()));
        RepairResult result = new Maintenance(ConnectionFactory.of(target()), migrations.historyTable(),
                lockWait.duration(), output()::notice)
                .repair(set, acceptChecksum == null ? null : MigrateCommand.parseVersion(acceptChecksum));
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("removedRows", result.removedRows());
            json.put("droppedIndexes", result.droppedIndexes());
            json.put("resumable", result.resumable());
            json.put("acceptedChecksum", result.acceptedChecksum());
            output().json(json);
        } else if (result.removedRows().isEmpty() && result.droppedIndexes().isEmpty() && result.resumable().isEmpty()
                && result.acceptedChecksum() == null) {
            output().notice("nothing to repair");
        }
        return 0;
    }
}
