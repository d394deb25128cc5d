package dev.schemata.config;

import dev.schemata.connect.Redactor;
import dev.schemata.history.HistoryTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The effective settings of one environment of {@code schemata.toml} (or of none, when no environment is
 * selected), with {@code ${VAR}} references expanded and relative paths resolved against the file's
 * directory. Settings the file leaves out are null where the command line has its own default
 * (url, migrations, schema file, history table).
 *
 * @param name         the environment's name; null when none is selected
 * @param file         the configuration file; null when there is none
 * @param url          the database URL (may hold a password: show it only through {@link #describe()})
 * @param isProtected  destructive commands need {@code --force} and a typed-back database name
 * @param required     what {@code validate} requires to exist ({@code require_tables}, {@code require_indexes})
 */
public record EnvironmentConfig(String name, Path file, String url, Path migrations, Path schemaFile,
                                HistoryTable historyTable, boolean isProtected, BackupSettings backup, LintSettings lint,
                                RequiredObjects required) {

    public EnvironmentConfig {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(required, "required");
    }

    /** Settings when there is no configuration file: backups in {@code <dir>/backups}, nothing else set. */
    public static EnvironmentConfig none(Path dir) {
        return new EnvironmentConfig(null, null, null, null, null, null, false,
                new BackupSettings(dir.resolve("backups"), dev.schemata.backup.BackupFormat.CUSTOM, false, null, null),
                LintSettings.none(), RequiredObjects.none());
    }

    /** What to call it in messages: {@code environment "prod"} or {@code no environment}. */
    public String label() {
        return name == null ? "no environment" : "environment \"" + name + "\"";
    }

    /**
     * Every effective setting, one {@code key ..... value} line each in alphabetical order, with the password
     * of the URL masked; unset settings show their default in parentheses.
     */
    public List<String> describe() {
        Map<String, String> values = new TreeMap<>();
        values.put("environment", name == null ? "(none selected)" : name);
        values.put("config_file", file == null ? "(none)" : file.toString());
        values.put("url", url == null ? "(--url, SCHEMATA_URL, DATABASE_URL, PG* variables, else the dev database)" : Redactor.maskUrls(url));
        values.put("migrations", migrations == null ? "(./migrations)" : migrations.toString());
        values.put("schema_file", schemaFile == null ? "(./init.sql)" : schemaFile.toString());
        values.put("history_table", historyTable == null ? "(" + HistoryTable.DEFAULT + ")" : historyTable.toString());
        values.put("protected", String.valueOf(isProtected));
        values.put("backup_before_migrate", String.valueOf(backup.beforeMigrate()));
        values.put("backup_dir", backup.dir().toString());
        values.put("backup_format", backup.format().label());
        values.put("backup_keep_days", backup.keepDays() == null ? "(not set)" : backup.keepDays().toString());
        values.put("backup_keep_last", backup.keepLast() == null ? "(not set)" : backup.keepLast().toString());
        values.put("require_tables", required.tables().isEmpty() ? "(none)" : String.join(", ", required.tables()));
        values.put("require_indexes", required.indexes().isEmpty() ? "(none)" : String.join(", ", required.indexes()));
        values.put("lint.disable", lint.disable().isEmpty() ? "(none)" : String.join(", ", lint.disable()));
        values.put("lint.severity", lint.severity().isEmpty() ? "(defaults)" : new TreeMap<>(lint.severity()).toString());
        values.put("lint.threshold_rows", lint.thresholdRows() == null ? "(default)" : lint.thresholdRows().toString());
        values.put("lint.threshold_bytes", lint.thresholdBytes() == null ? "(default)" : lint.thresholdBytes().toString());
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 3;
        List<String> lines = new ArrayList<>();
        values.forEach((k, v) -> lines.add(k + " " + ".".repeat(width - k.length()) + " " + v));
        return lines;
    }
}
