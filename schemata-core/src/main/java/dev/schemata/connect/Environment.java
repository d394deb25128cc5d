package dev.schemata.connect;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process surroundings that connection settings depend on, passed in rather than read from globals
 * so that resolution is a pure function (and testable without touching the real environment).
 *
 * @param variables the environment variables
 * @param home      the user's home directory (for {@code ~/.pgpass})
 * @param osUser    the operating-system user name (libpq's default database user)
 */
public record Environment(Map<String, String> variables, Path home, String osUser) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment current() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    /** A variable's value, treating an empty value as unset (as libpq does). */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
