package dev.schemata.cli;

import dev.schemata.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher and the dev database as whole processes: what a user types. */
class LauncherIT {
    @TempDir
    Path project;

    @org.junit.jupiter.api.BeforeEach
    void reachableByTheServerUser() throws Exception {
        // The server runs as an unprivileged user when tests run as root; a 0700 temp dir would shut it out.
        Files.setPosixFilePermissions(project, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Processes.Result launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Processes.launcher().toString()));
        command.addAll(List.of(args));
        return Processes.run(Processes.builder(command, project, Map.of()), 120);
    }

    @Test
    void passesExitCodesThrough() throws Exception {
        Processes.Result version = launch("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("schemata ");
        Processes.Result bad = launch("migrate", "--no-such-option");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
        Processes.Result missingDir = launch("status", "--dir", "nowhere", "--url", "postgresql://x@127.0.0.1:1/db");
        assertThat(missingDir.exitCode()).isEqualTo(2);
        assertThat(missingDir.err()).contains("nowhere");
    }

    @Test
    void onJava25TheLauncherBuildsAndUsesAnAheadOfTimeCache() throws Exception {
        Path java25 = javaHome(25);
        org.junit.jupiter.api.Assumptions.assumeTrue(java25 != null, "no JDK 25 or later under /usr/lib/jvm");
        Path cache = Processes.launcher().getParent().resolveSibling("schemata-cli/target/schemata-java"
                + javaMajor(java25) + ".aot");
        Files.deleteIfExists(cache);
        Map<String, String> env = Map.of("JAVA_HOME", java25.toString());
        // A bare --version starts the JVM without caches (they cost it more than they save): it builds none.
        List<String> version = List.of(Processes.launcher().toString(), "--version");
        Processes.Result versionOnly = Processes.run(Processes.builder(version, project, env), 300);
        assertThat(versionOnly.exitCode()).as(versionOnly.err()).isZero();
        assertThat(versionOnly.out()).startsWith("schemata ");
        assertThat(cache).doesNotExist();
        List<String> help = List.of(Processes.launcher().toString(), "status", "--help");
        Processes.Result first = Processes.run(Processes.builder(help, project, env), 300);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Usage: schemata status");
        assertThat(first.err()).isEmpty();
        assertThat(cache).isRegularFile();
        // Later runs use it, and say nothing about it.
        List<String> bad = List.of(Processes.launcher().toString(), "migrate", "--no-such-option");
        Processes.Result refused = Processes.run(Processes.builder(bad, project, env), 120);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Unknown option: '--no-such-option'").doesNotContain("AOT").doesNotContain("warning");
    }

    /** A JDK of at least this major version on the machine, or null. */
    private static Path javaHome(int atLeast) throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && javaMajor(h) >= atLeast)
                    .sorted().findFirst().orElse(null);
        }
    }

    private static int javaMajor(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    int end = 0;
                    while (end < v.length() && Character.isDigit(v.charAt(end))) {
                        end++;
                    }
                    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }

    @Test
    @SuppressWarnings("unchecked")
    void devDatabaseStartsReportsAndStopsExactlyItsCluster() throws Exception {
        try {
            Processes.Result start = launch("dev", "start");
            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.err()).contains("created and started the dev database");

            Processes.Result status = launch("dev", "status", "--json");
            assertThat(status.exitCode()).isZero();
            Map<String, Object> json = (Map<String, Object>) Json.parse(status.out());
            assertThat(json).containsEntry("running", true).containsEntry("initialized", true);
            long pid = (Long) json.get("pid");
            assertThat(dev.schemata.devdb.Cluster.isAlive(pid)).isTrue();
            assertThat((String) json.get("url")).startsWith("postgresql://postgres:***@127.0.0.1:").endsWith("/dev");

            Processes.Result stop = launch("dev", "stop");
            assertThat(stop.exitCode()).isZero();
            assertThat(dev.schemata.devdb.Cluster.isAlive(pid)).isFalse();
            Map<String, Object> after = (Map<String, Object>) Json.parse(launch("dev", "status", "--json").out());
            assertThat(after).containsEntry("running", false).containsEntry("initialized", true);
        } finally {
            launch("dev", "destroy");
        }
        assertThat(project.resolve(".schemata/dev")).doesNotExist();
    }

    @Test
    void demoWorksInADirectoryTheServerUserCannotEnter() throws Exception {
        // The README's first command, as root in a `mktemp -d` directory (0700): the server's user cannot enter it.
        Files.setPosixFilePermissions(project, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try {
            Processes.Result demo = launch("demo");
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("Current version: 004");
            assertThat(demo.err()).contains("psql \"$(bin/schemata dev url --database demo)\"");
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(demo.err()).contains("cannot reach " + project.resolve(".schemata/dev"));
                assertThat(launch("dev", "status").out()).contains("running").doesNotContain("(data in " + project);
            }
        } finally {
            launch("dev", "destroy");
        }
    }

    @Test
    void demoAppliesTheExampleProjectOnTheDevDatabase() throws Exception {
        try {
            Processes.Result demo = launch("demo");
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("Current version: 004").contains("004      add analytics tables   applied");
            Processes.Result again = launch("demo", "--json");
            assertThat(again.exitCode()).isZero();
            assertThat(again.err()).contains("nothing to migrate: at version 004");
            assertThat(again.out()).contains("\"current\": \"004\"");
        } finally {
            launch("dev", "destroy");
        }
    }
}
