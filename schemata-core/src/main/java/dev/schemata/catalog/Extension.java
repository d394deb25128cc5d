package dev.schemata.catalog;

import java.util.Objects;

/**
 * An installed extension. The objects it created (functions, types, …) are not listed elsewhere in the
 * model: they come and go with the extension.
 *
 * @param version the installed version ({@code extversion})
 * @param schema  the schema its objects live in
 * @param comment the extension's comment, or null
 */
public record Extension(String name, String version, String schema, String comment) {
    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(schema, "schema");
    }
}
