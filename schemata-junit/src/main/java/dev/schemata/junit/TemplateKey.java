package dev.schemata.junit;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationLocation;
import dev.schemata.migration.MigrationSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The name of a template: {@code schemata_tpl_<settings hash>_<migrations hash>}. The first hash covers the
 * owner, locations, history table and placeholders; the second every migration's path, version and checksum, so a
 * changed, added or removed migration gives a new template, and templates of older migrations of the same
 * settings can be recognised and dropped.
 */
record TemplateKey(String settingsPrefix, String databaseName) {

    /**
     * @param owner who the migrations run as, so that a template is only ever copied for the tests of the same
     *              owner (objects inside a copy keep the owners they had in the template)
     */
    static TemplateKey of(MigratedDatabases.Settings settings, String owner) {
        MigrationSet set = MigrationSet.scan(settings.locations().stream().map(MigrationLocation::parse).toList(),
                settings.classLoader());
        if (set.isEmpty()) {
            // An empty test database would pass tests that expect tables to exist nowhere but in the migrations.
            throw new SchemataException(ErrorCode.BAD_INPUT, "no migrations found in " + String.join(", ", settings.locations())
                    + "; the test database would be empty");
        }
        StringBuilder settingsText = new StringBuilder();
        settingsText.append(owner).append('\0').append(String.join("\n", settings.locations())).append('\0')
                .append(settings.historyTable() == null ? "" : settings.historyTable()).append('\0');
        new TreeMap<>(settings.placeholders()).forEach((k, v) -> settingsText.append(k).append('=').append(v).append('\0'));
        StringBuilder migrations = new StringBuilder();
        for (Migration m : set.all()) {
            migrations.append(m.kind()).append(' ').append(m.version() == null ? "" : m.version().text()).append(' ')
                    .append(m.relativePath()).append(' ').append(m.checksum()).append('\n');
        }
        String prefix = "schemata_tpl_" + hash(settingsText.toString(), 6) + "_";
        return new TemplateKey(prefix, prefix + hash(migrations.toString(), 8));
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
