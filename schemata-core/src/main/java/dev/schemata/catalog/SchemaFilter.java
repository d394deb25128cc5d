package dev.schemata.catalog;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which schemas the catalog reader reads. System schemas ({@code pg_catalog}, {@code information_schema},
 * {@code pg_toast}, temporary schemas) are never read, whatever the filter says.
 *
 * @param include the schemas to read; empty means every schema
 * @param exclude the schemas to leave out
 */
public record SchemaFilter(List<String> include, List<String> exclude) {

    public SchemaFilter {
        include = canonical(include, "include");
        exclude = canonical(exclude, "exclude");
        for (String schema : include) {
            if (exclude.contains(schema)) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "schema \"" + schema
                        + "\" is both included and excluded; list it in only one of the two");
            }
        }
    }

    /** Every schema. */
    public static SchemaFilter all() {
        return new SchemaFilter(List.of(), List.of());
    }

    /** Only the given schemas. */
    public static SchemaFilter only(String... schemas) {
        return new SchemaFilter(Arrays.asList(schemas), List.of());
    }

    /** Every schema except the given ones. */
    public static SchemaFilter allExcept(String... schemas) {
        return new SchemaFilter(List.of(), Arrays.asList(schemas));
    }

    public boolean includes(String schema) {
        return (include.isEmpty() || include.contains(schema)) && !exclude.contains(schema);
    }

    private static List<String> canonical(List<String> names, String what) {
        Objects.requireNonNull(names, what);
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG,
                        "the schema " + what + " list has an empty name; remove it");
            }
        }
        return List.copyOf(new TreeSet<>(names));
    }
}
