package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migrate.ValidationResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code schemata:validate}: checks applied migrations against the files (changed checksums, missing files,
 * failed or unfinished migrations, and the {@code require_tables}/{@code require_indexes} of schemata.toml) and fails
 * the build on any problem, as {@code schemata validate} exits 1.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends SchemataMojo {
    @Override
    void run() {
        try (DatabaseTarget db = openTarget()) {
            ValidationResult result = configure(db).load().validate(environment().required().tables(),
                    environment().required().indexes());
            if (!result.valid()) {
                result.problems().forEach(this::error);
                throw new SchemataException(ErrorCode.VALIDATION_FAILED, "validate found " + result.problems().size()
                        + " problem" + (result.problems().size() == 1 ? "" : "s") + " in " + db.settings().maskedUrl() + ": "
                        + String.join("; ", result.problems()));
            }
            info(db.settings().maskedUrl() + " is valid: applied migrations match their files");
        }
    }
}
