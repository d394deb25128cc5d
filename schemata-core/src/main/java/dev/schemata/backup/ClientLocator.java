package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds pg_dump, pg_restore and psql of a major version at least the server's, because an older pg_dump
 * refuses a newer server. Looks at an explicit program ({@code --pg-dump} or {@code SCHEMATA_PG_DUMP},
 * whose directory then also supplies pg_restore and psql), then {@code /usr/lib/postgresql/<major>/bin},
 * the {@code PATH}, and the unpacked Maven-published binaries (which ship without client programs today,
 * but are looked at in case a later version adds them). When none fits, the error says what to install.
 */
public final class ClientLocator {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+(?:\\.\\d+)?)");

    private final Environment env;
    private final Path explicit;

    /** @param explicit a pg_dump given on the command line, or null (then {@code SCHEMATA_PG_DUMP}, if set) */
    public ClientLocator(Environment env, Path explicit) {
        this.env = env;
        this.explicit = explicit != null ? explicit : env.get("SCHEMATA_PG_DUMP").map(Path::of).orElse(null);
    }

    /** The newest {@code program} whose major version is at least {@code minMajor}. */
    public ClientProgram locate(String program, int minMajor, String purpose) {
        List<ClientProgram> found = candidates(program);
        if (explicit != null) {
            ClientProgram chosen = found.isEmpty() ? null : found.get(0);
            if (chosen == null || chosen.major() < minMajor) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, purpose + " needs " + program + " " + minMajor + " or newer, but "
                        + (chosen == null ? "there is no " + program + " at " + explicitDir() : chosen + " is older")
                        + " (from " + (env.get("SCHEMATA_PG_DUMP").isPresent() ? "SCHEMATA_PG_DUMP" : "--pg-dump") + ")."
                        + install(program, minMajor));
            }
            return chosen;
        }
        return found.stream().filter(p -> p.major() >= minMajor).findFirst().orElseThrow(() ->
                new SchemataException(ErrorCode.BAD_CONFIG, purpose + " needs " + program + " " + minMajor + " or newer; "
                        + (found.isEmpty() ? "none was found" : "found only " + found.stream().map(ClientProgram::toString)
                        .reduce((a, b) -> a + ", " + b).orElse(""))
                        + ". The Maven-published PostgreSQL binaries contain no client programs." + install(program, minMajor)));
    }

    private static String install(String program, int major) {
        return " Install the PostgreSQL " + major + " client: `apt-get install postgresql-client-" + major
                + "` (Debian/Ubuntu, with the apt.postgresql.org repository), `dnf install postgresql" + major
                + "` (RHEL/Fedora, PGDG repository) or `brew install postgresql@" + major + "` (macOS); or set SCHEMATA_PG_DUMP"
                + " (or --pg-dump) to a pg_dump of version " + major + " or newer (its directory must also hold "
                + (program.equals("pg_dump") ? "pg_restore and psql" : program) + ").";
    }

    private Path explicitDir() {
        return Files.isDirectory(explicit) ? explicit : explicit.toAbsolutePath().getParent();
    }

    /** Every copy of the program found, newest first (the explicit one alone, when given). */
    List<ClientProgram> candidates(String program) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (explicit != null) {
            dirs.add(explicitDir());
        } else {
            Path debian = Path.of("/usr/lib/postgresql");
            dirs.addAll(subdirs(debian, "\\d+", "bin"));
            env.get("PATH").ifPresent(path -> {
                for (String entry : path.split(":")) {
                    if (!entry.isEmpty()) {
                        dirs.add(Path.of(entry));
                    }
                }
            });
            dirs.addAll(subdirs(mavenCache(), "postgres-.*", "bin"));
        }
        List<ClientProgram> found = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path dir : dirs) {
            Path candidate = dir.resolve(program);
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (seen.add(real)) {
                version(candidate).ifPresent(v -> found.add(new ClientProgram(candidate, v)));
            }
        }
        found.sort(Comparator.comparingInt(ClientProgram::major).reversed());
        return found;
    }

    private Path mavenCache() {
        return env.get("SCHEMATA_CACHE_DIR").map(Path::of).orElseGet(() -> {
            Path system = Path.of("/var/cache/schemata");
            return Files.isDirectory(system) ? system
                    : env.get("XDG_CACHE_HOME").map(Path::of).orElse(env.home().resolve(".cache")).resolve("schemata");
        });
    }

    private static List<Path> subdirs(Path parent, String namePattern, String child) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(p -> p.getFileName().toString().matches(namePattern)).map(p -> p.resolve(child)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Optional<String> version(Path program) {
        ClientRunner.Result r = ClientRunner.run(List.of(program.toString(), "--version"), java.util.Map.of(), null, null);
        Matcher m = VERSION.matcher(r.stderr() + r.stdoutText());
        return r.exitCode() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
