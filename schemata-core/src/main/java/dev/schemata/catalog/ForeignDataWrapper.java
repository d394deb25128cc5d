package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A foreign-data wrapper created with {@code CREATE FOREIGN DATA WRAPPER} (one an extension creates, such
 * as {@code postgres_fdw}, comes with its {@link Extension} instead).
 *
 * @param handler   the handler function as {@code regproc} prints it, or null
 * @param validator the validator function, or null
 * @param options   SQL fragments {@code name 'value'}, sorted
 * @param comment    the wrapper's comment, or null
 * @param privileges granted privileges ({@code USAGE}), sorted
 */
public record ForeignDataWrapper(String name, String handler, String validator, List<String> options, String comment,
                                 List<Privilege> privileges) {
    public ForeignDataWrapper {
        Objects.requireNonNull(name, "name");
        options = Lists.sorted(options);
        privileges = Lists.sorted(privileges);
    }
}
