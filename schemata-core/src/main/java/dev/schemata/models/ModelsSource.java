package dev.schemata.models;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.devdb.Processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Where the DDL the application's models expect comes from. Each way in yields a schema file that is loaded
 * on a throwaway database like {@code init.sql}; another way (a JPA provider writing its DDL) is one more
 * implementation.
 */
public sealed interface ModelsSource {

    /** How to name the models in messages. */
    String describe();

    /**
     * The models' DDL as a schema file. A file produced here lives in {@code scratchDir} (owner-only) and is
     * the caller's to delete.
     */
    SchemaFile ddl(Path scratchDir);

    /** A file holding the DDL, as {@code --models-ddl FILE}. */
    record DdlFile(Path path, String display) implements ModelsSource {
        @Override
        public String describe() {
            return display;
        }

        @Override
        public SchemaFile ddl(Path scratchDir) {
            if (!Files.isRegularFile(path)) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read the models' DDL " + display + ": no such file");
            }
            return new SchemaFile(path, display);
        }
    }

    /**
     * A command run through {@code sh -c} in {@code workDir} whose standard output is the DDL, as
     * {@code --models-ddl-command "python3 models.py"}.
     */
    record DdlCommand(String command, Path workDir, Duration timeout) implements ModelsSource {
        @Override
        public String describe() {
            return "the output of `" + command + "`";
        }

        @Override
        public SchemaFile ddl(Path scratchDir) {
            Processes.Result result = Processes.capture(List.of("sh", "-c", command), workDir, timeout);
            if (!result.ok()) {
                String errors = result.errors().strip();
                throw new SchemataException(ErrorCode.BAD_INPUT, "the models' DDL command `" + command + "` failed with exit code "
                        + result.exitCode() + (errors.isEmpty() ? " and printed nothing on its standard error"
                        : ":\n" + tail(errors)));
            }
            if (result.output().isBlank()) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "the models' DDL command `" + command
                        + "` printed no DDL on its standard output" + (result.errors().isBlank() ? ""
                        : " (its standard error:\n" + tail(result.errors().strip()) + ")"));
            }
            try {
                Path file = Files.createTempFile(scratchDir, "models-", ".sql",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, result.output(), StandardCharsets.UTF_8);
                return new SchemaFile(file, "`" + command + "` output");
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot keep the models' DDL: " + e.getMessage(), e);
            }
        }

        /** The last lines of a long error output: where a traceback says what went wrong. */
        private static String tail(String text) {
            List<String> lines = text.lines().toList();
            int from = Math.max(0, lines.size() - 30);
            return (from > 0 ? "  … (" + from + " lines before)\n" : "") + String.join("\n", lines.subList(from, lines.size()))
                    .lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        }
    }
}
