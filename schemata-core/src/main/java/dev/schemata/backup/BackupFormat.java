package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.Locale;

/** How a backup file is written: pg_dump's custom archive, or plain SQL compressed with gzip. */
public enum BackupFormat {
    /** {@code pg_dump -Fc}: compressed, restored with pg_restore, tables selectable. */
    CUSTOM(".dump"),
    /** {@code pg_dump -Fp} piped through gzip: readable SQL, restored with psql. */
    PLAIN(".sql.gz");

    private final String extension;

    BackupFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code custom} or {@code plain}; {@code what} names the option or key in the error. */
    public static BackupFormat parse(String text, String what) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "custom" -> CUSTOM;
            case "plain" -> PLAIN;
            default -> throw new SchemataException(ErrorCode.BAD_CONFIG, what + " must be custom or plain, got \"" + text + "\"");
        };
    }
}
