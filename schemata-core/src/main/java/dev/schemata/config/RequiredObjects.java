package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables and indexes that {@code validate} requires to exist ({@code require_tables}, {@code require_indexes},
 * {@code --require-table}, {@code --require-index}), as {@code [schema.]name}.
 */
public record RequiredObjects(List<String> tables, List<String> indexes) {
    public RequiredObjects {
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
    }

    public static RequiredObjects none() {
        return new RequiredObjects(List.of(), List.of());
    }

    /** These and {@code more}, each name once, in order. */
    public RequiredObjects and(RequiredObjects more) {
        return new RequiredObjects(union(tables, more.tables), union(indexes, more.indexes));
    }

    /**
     * The names of a comma-separated list or of several (a repeated option, or a TOML array); an empty
     * name ({@code a,,b}, a trailing comma) is an error naming {@code what}.
     */
    public static List<String> names(List<String> lists, String what) {
        List<String> names = new ArrayList<>();
        for (String list : lists) {
            for (String name : list.split(",", -1)) {
                if (name.isBlank()) {
                    throw new SchemataException(ErrorCode.BAD_USAGE, what + ": an empty name in \"" + list + "\"");
                }
                names.add(name.strip());
            }
        }
        return names;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return all;
    }
}
