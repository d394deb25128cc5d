package dev.schemata.cli;

import dev.schemata.config.EnvironmentConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --backup} and {@code --backup-dir} of the commands that change a schema (migrate, apply). */
final class BackupOptions {
    @Option(names = "--backup", description = "Take and verify a backup before the first change (also: the environment's"
            + " backup_before_migrate) and record it in the history; no backup, no change.")
    boolean backup;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where that backup goes (default: the environment's"
            + " backup_dir, else ./backups); implies --backup.")
    Path dir;

    boolean wanted(EnvironmentConfig environment) {
        return backup || dir != null || environment.backup().beforeMigrate();
    }
}
