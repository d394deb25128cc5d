package dev.schemata.maven;

import dev.schemata.DumpResult;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code schemata:dump-schema}: writes the database's schema as canonical SQL that rebuilds it (a schema file),
 * as {@code schemata dump-schema} does; data and the history table are left out.
 */
@Mojo(name = "dump-schema", threadSafe = true)
public class DumpSchemaMojo extends SchemataMojo {
    /** Where to write the schema. */
    @Parameter(property = "schemata.output", defaultValue = "${project.build.directory}/schemata/schema.sql")
    File output;

    @Override
    boolean readsMigrations() {
        return false;
    }

    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            DumpResult result = configure(db).load().dump();
            result.notDumped().forEach(n -> warn("not dumped (Schemata cannot write it): " + n));
            try {
                Files.createDirectories(output.toPath().toAbsolutePath().getParent());
                Files.writeString(output.toPath(), result.sql(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot write " + output + ": " + e.getMessage(), e);
            }
            info("wrote the schema of " + result.database() + " to " + output);
        }
    }
}
