package dev.schemata.cli;

import dev.schemata.connect.Environment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process with a controlled environment and captures what it prints, the way a user's
 * shell would see it: exit code, stdout, stderr.
 */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();

    CliRunner(Path workDir) {
        this.workDir = workDir;
        // Only what a command may legitimately need from the real environment.
        for (String name : new String[]{"PATH", "SCHEMATA_PG_VERSION", "SCHEMATA_PG_BIN", "SCHEMATA_CACHE_DIR"}) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        String testVersion = System.getProperty("schemata.test.pg.version", "");
        if (!testVersion.isBlank()) {
            env.put("SCHEMATA_PG_VERSION", testVersion);
        }
        env.put("SCHEMATA_DEV_DIR", workDir.resolve(".schemata/dev").toString());
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A context with this runner's environment that prints nowhere. */
    CliContext context() {
        return context(new StringWriter(), new StringWriter());
    }

    private CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(new Environment(env, workDir, "tester"), workDir,
                new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, context(out, err));
        return new Result(code, out.toString(), err.toString());
    }
}
