package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A user mapping ({@code CREATE USER MAPPING}), keyed by role and server.
 *
 * @param role          the role name, or {@link Privilege#PUBLIC}
 * @param options       SQL fragments {@code name 'value'}, sorted, without {@code secretOptions}
 * @param secretOptions the names of options that hold a password ({@code password}, {@code sslpassword}):
 *                      they are set, but their values are never read, so never printed or compared
 */
public record UserMapping(String role, String server, List<String> options, List<String> secretOptions) {
    public UserMapping {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(server, "server");
        options = Lists.sorted(options);
        secretOptions = Lists.sorted(secretOptions);
    }
}
