package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A foreign server ({@code CREATE SERVER}).
 *
 * @param type          its {@code TYPE}, or null
 * @param version       its {@code VERSION}, or null
 * @param options       SQL fragments {@code name 'value'}, sorted, without {@code secretOptions}
 * @param secretOptions the names of options that hold a password: they are set, but their values are never read
 * @param comment       the server's comment, or null
 * @param privileges    granted privileges ({@code USAGE}), sorted
 */
public record ForeignServer(String name, String wrapper, String type, String version, List<String> options,
                            List<String> secretOptions, String comment, List<Privilege> privileges) {
    public ForeignServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wrapper, "wrapper");
        options = Lists.sorted(options);
        privileges = Lists.sorted(privileges);
        secretOptions = Lists.sorted(secretOptions);
    }
}
