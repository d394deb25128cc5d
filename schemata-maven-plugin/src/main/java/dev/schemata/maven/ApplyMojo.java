package dev.schemata.maven;

import dev.schemata.ApplyResult;
import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.diff.HazardKind;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;
import java.util.Locale;

/**
 * {@code schemata:apply}: makes the database match the schema file, under the migration lock, and records it in the
 * history, as {@code schemata apply} does. Steps with hazards run only when each of their kinds is allowed.
 */
@Mojo(name = "apply", threadSafe = true)
public class ApplyMojo extends SchemataMojo {
    /** Hazard kinds to accept, e.g. {@code deletes_data}, {@code table_rewrite} (default: none, so nothing hazardous runs). */
    @Parameter(property = "schemata.allowHazards")
    List<String> allowHazards;

    @Override
    boolean readsMigrations() {
        return false;
    }

    @Override
    void run() {
        HazardKind[] allowed = allowHazards == null ? new HazardKind[0]
                : allowHazards.stream().map(ApplyMojo::kind).toArray(HazardKind[]::new);
        try (DatabaseTarget db = openTarget()) {
            ApplyResult result = configure(db).load().apply(allowed);
            if (!result.applied()) {
                info(result.database() + " already matches " + result.desiredSchema() + ": nothing applied");
                return;
            }
            PlanLines.of(result.plan()).forEach(this::info);
            info("applied " + result.steps() + " step" + (result.steps() == 1 ? "" : "s") + " to " + result.database()
                    + ": it now matches " + result.desiredSchema());
        }
    }

    private static HazardKind kind(String name) {
        try {
            return HazardKind.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "<allowHazards>: unknown hazard kind \"" + name + "\"; kinds: "
                    + String.join(", ", java.util.Arrays.stream(HazardKind.values())
                    .map(k -> k.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }
}
