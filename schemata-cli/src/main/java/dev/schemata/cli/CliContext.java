package dev.schemata.cli;

import dev.schemata.connect.Environment;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command runs in: environment, working directory and the two output streams. Passed in, so that
 * tests run commands in-process with their own environment and capture everything printed.
 *
 * @param interactive whether a person is at a terminal (confirmations may be asked)
 */
public record CliContext(Environment env, Path workDir, PrintWriter out, PrintWriter err, boolean interactive) {

    public static CliContext system() {
        return new CliContext(Environment.current(), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
    }

    public Path resolve(Path path) {
        return workDir.resolve(path).normalize();
    }
}
