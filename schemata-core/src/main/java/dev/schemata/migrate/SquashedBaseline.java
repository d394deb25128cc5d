package dev.schemata.migrate;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Migration;
import dev.schemata.migration.Version;
import dev.schemata.sql.Directives;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A baseline written by {@code schemata squash}: one migration, at the version of the last migration it
 * replaces, whose header lists every replaced migration ({@code -- schemata:squashed VERSION CHECKSUM FILE}).
 * The list is what lets a database migrated before the squash keep working: its history holds the replaced
 * versions with their own checksums, and those count as the baseline applied.
 *
 * @param migration the baseline's migration
 * @param replaced  the migrations it replaces, as recorded when it was written (a version may appear twice
 *                  when an earlier squashed baseline was squashed again: once as itself, once as the file
 *                  it replaced)
 */
public record SquashedBaseline(Migration migration, List<Replaced> replaced) {
    /** One replaced migration: its version as written, the checksum its history row holds, and its file name. */
    public record Replaced(String version, String checksum, String file) {
        public Version parsedVersion() {
            return Version.parse(version);
        }
    }

    public SquashedBaseline {
        replaced = List.copyOf(replaced);
    }

    /**
     * The squashed baseline among {@code migrations}, if any: only the first versioned migration can be one,
     * since the squash moves every migration up to it out of the directory.
     */
    public static Optional<SquashedBaseline> in(List<Migration> versioned) {
        return versioned.isEmpty() ? Optional.empty() : of(versioned.get(0));
    }

    /** Reads the header of {@code m} (its leading comment lines) for {@code schemata:squashed} entries. */
    public static Optional<SquashedBaseline> of(Migration m) {
        if (m.isRepeatable()) {
            return Optional.empty();
        }
        String header = header(m);
        if (!header.contains("schemata:" + Directives.SQUASHED)) {
            return Optional.empty();
        }
        List<Replaced> replaced = new ArrayList<>();
        for (Directives.Directive d : Directives.inScript(header, Directives.Place.MIGRATION, m.relativePath(), 0)) {
            if (d.name().equals(Directives.SQUASHED)) {
                String[] parts = d.argument().split("[ \t]+", 3);
                replaced.add(new Replaced(parts[0], parts[1], parts[2]));
            }
        }
        return replaced.isEmpty() ? Optional.empty() : Optional.of(new SquashedBaseline(m, replaced));
    }

    /** Whether a history row for {@code version} with {@code checksum} is one of the replaced migrations applied. */
    public boolean replaces(Version version, String checksum) {
        return replaced.stream().anyMatch(r -> r.parsedVersion().equals(version)
                && (checksum == null || checksum.isBlank() || r.checksum().equalsIgnoreCase(checksum.strip())));
    }

    /** Whether {@code version} is one of the replaced ones, whatever its checksum. */
    public boolean covers(Version version) {
        return replaced.stream().anyMatch(r -> r.parsedVersion().equals(version));
    }

    /** The file a replaced version had. */
    public Optional<String> fileOf(Version version) {
        return replaced.stream().filter(r -> r.parsedVersion().equals(version)).map(Replaced::file).findFirst();
    }

    /** The folder below the migrations directory that {@code squash} moves the replaced files to. */
    public static String archiveFolder(Version version) {
        return ".squashed-to-" + version.text();
    }

    /** Why a database whose history stops inside the replaced migrations cannot use the baseline, and what to do. */
    public static String belowMessage(MigrationStatus baseline, String current) {
        return baseline.file() + " is a squashed baseline that replaces the migrations up to " + baseline.version()
                + ", but this database has only some of them applied (up to " + current + "); running it would recreate"
                + " what exists. Migrate the database to " + baseline.version() + " with the replaced files first: `schemata"
                + " migrate --dir <migrations>/" + archiveFolder(Version.parse(baseline.version())) + " --target "
                + baseline.version() + "` (squash moved them there), then migrate as usual.";
    }

    /** The comment lines at the top of the migration's SQL, where squash writes its entries. */
    private static String header(Migration m) {
        StringBuilder header = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(m.file().open(), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n <= m.lineOffset()) {
                    header.append('\n');
                    continue;
                }
                String t = line.replace("\uFEFF", "").strip();
                if (!t.isEmpty() && !t.startsWith("--")) {
                    break;
                }
                header.append(line.replace("\uFEFF", "")).append('\n');
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + m.relativePath() + ": " + e.getMessage(), e);
        }
        return header.toString();
    }
}
