package dev.schemata.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI (or the launcher) as a separate process, as a user or CI would. */
final class Processes {
    record Result(int exitCode, String out, String err) {
    }

    private Processes() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("schemata.jar", "target/schemata-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged jar is missing: " + jar + " (integration tests run after package)");
        }
        return jar;
    }

    static Path launcher() {
        return Path.of(System.getProperty("schemata.project.dir", "..")).resolve("bin/schemata");
    }

    static ProcessBuilder java(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return builder(command, workDir, env);
    }

    static ProcessBuilder builder(List<String> command, Path workDir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL") || k.startsWith("SCHEMATA_URL"));
        String testVersion = System.getProperty("schemata.test.pg.version", "");
        if (!testVersion.isBlank()) {
            pb.environment().put("SCHEMATA_PG_VERSION", testVersion);
        }
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(ProcessBuilder pb, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("schemata-out", ".txt");
        Path err = Files.createTempFile("schemata-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("process did not finish in " + timeoutSeconds + " s: " + pb.command());
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
