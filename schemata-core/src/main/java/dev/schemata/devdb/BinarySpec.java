package dev.schemata.devdb;

import dev.schemata.connect.Environment;

import java.nio.file.Path;

/**
 * Which server binaries the user asked for: a directory ({@code --pg-bin}, {@code SCHEMATA_PG_BIN}), a
 * version of the Maven-published binaries ({@code --pg-version}, {@code SCHEMATA_PG_VERSION}: a major such
 * as {@code 17}, or a full version such as {@code 17.11.0}), or neither (the machine's, else Maven's).
 */
public record BinarySpec(Path binDir, String mavenVersion) {

    public static BinarySpec of(Environment env, Path cliBinDir, String cliVersion) {
        Path dir = cliBinDir != null ? cliBinDir : env.get("SCHEMATA_PG_BIN").map(Path::of).orElse(null);
        String version = cliVersion != null ? cliVersion : env.get("SCHEMATA_PG_VERSION").orElse(null);
        if (cliBinDir != null) {
            version = cliVersion;
        } else if (cliVersion != null) {
            dir = null;
        }
        return new BinarySpec(dir, version);
    }

    public static BinarySpec automatic() {
        return new BinarySpec(null, null);
    }

    public boolean isAutomatic() {
        return binDir == null && mavenVersion == null;
    }
}
