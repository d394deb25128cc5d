package dev.schemata.devdb;

import dev.schemata.BuildInfo;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL server binaries: the ones asked for, else the machine's ({@code pg_config --bindir},
 * {@code /usr/lib/postgresql/<highest>/bin}, {@code PATH}), else the ones published on Maven Central.
 */
public final class BinaryLocator {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+(?:\\.\\d+)?)");

    private final Environment env;
    private final BuildInfo build;
    private final Consumer<String> notices;

    public BinaryLocator(Environment env, BuildInfo build, Consumer<String> notices) {
        this.env = env;
        this.build = build;
        this.notices = notices;
    }

    public PgBinaries locate(BinarySpec spec) {
        if (spec.binDir() != null) {
            Path dir = spec.binDir().toAbsolutePath().normalize();
            if (!PgBinaries.looksComplete(dir)) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "no PostgreSQL server programs (initdb, pg_ctl, postgres) in " + dir);
            }
            return describe(dir, dir.toString());
        }
        if (spec.mavenVersion() != null) {
            return fromMaven(spec.mavenVersion());
        }
        return machineBinaries().stream().findFirst().orElseGet(() -> fromMaven(build.defaultPostgresBinaries()));
    }

    /** Schemata's cache directory (see {@link ServerUser#dataDirFor}). */
    public Path cacheDir() {
        return MavenBinaries.cacheRoot(env);
    }

    /** Binaries of one major version: the machine's if it has them, else the Maven-published ones. */
    public PgBinaries locateMajor(int major) {
        return machineBinaries().stream().filter(b -> b.major() == major).findFirst()
                .orElseGet(() -> fromMaven(String.valueOf(major)));
    }

    /** Every complete set on the machine, the preferred (and highest) first. */
    public List<PgBinaries> machineBinaries() {
        List<Path> dirs = new ArrayList<>();
        pgConfigBinDir().ifPresent(dirs::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                majors.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
                        .map(p -> p.resolve("bin"))
                        .forEach(dirs::add);
            } catch (IOException ignored) {
                // an unreadable directory simply offers no binaries
            }
        }
        env.get("PATH").ifPresent(path -> {
            for (String entry : path.split(":")) {
                if (!entry.isEmpty()) {
                    dirs.add(Path.of(entry));
                }
            }
        });
        List<PgBinaries> found = new ArrayList<>();
        for (Path dir : dirs.stream().distinct().toList()) {
            if (PgBinaries.looksComplete(dir) && found.stream().noneMatch(b -> sameDir(b.binDir(), dir))) {
                found.add(describe(dir, dir.toString()));
            }
        }
        return found;
    }

    public PgBinaries fromMaven(String version) {
        String full = version;
        if (version.matches("\\d+")) {
            full = build.postgresBinaries(Integer.parseInt(version)).orElseThrow(() -> new SchemataException(
                    ErrorCode.BAD_CONFIG, "no Maven-published PostgreSQL " + version + " binaries are known; use 15, 16, 17 or 18, "
                    + "or a full version such as " + build.defaultPostgresBinaries()));
        } else if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "invalid PostgreSQL version \"" + version
                    + "\": use a major version (17) or a full version (17.11.0)");
        }
        Path dir = new MavenBinaries(env, notices).binDir(full);
        return describe(dir, "Maven Central " + full);
    }

    private Optional<Path> pgConfigBinDir() {
        Optional<Path> pgConfig = env.get("PATH").stream()
                .flatMap(p -> Stream.of(p.split(":")))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, "pg_config"))
                .filter(Files::isExecutable)
                .findFirst();
        if (pgConfig.isEmpty()) {
            return Optional.empty();
        }
        Processes.Result r = Processes.run(List.of(pgConfig.get().toString(), "--bindir"), null, Duration.ofSeconds(10));
        return r.ok() ? Optional.of(Path.of(r.output().strip())) : Optional.empty();
    }

    private static PgBinaries describe(Path dir, String origin) {
        Processes.Result r = Processes.run(List.of(dir.resolve("postgres").toString(), "--version"), null, Duration.ofSeconds(10));
        Matcher m = VERSION.matcher(r.output());
        if (!r.ok() || !m.find()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, dir.resolve("postgres") + " --version failed: " + r.output().strip());
        }
        return new PgBinaries(dir, m.group(1), origin);
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.equals(b);
        }
    }
}
