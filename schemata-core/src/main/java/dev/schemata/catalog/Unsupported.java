package dev.schemata.catalog;

import java.util.Objects;

/**
 * An object in the database that the model cannot represent (a rule, an event trigger, a foreign table, a
 * publication, a text search configuration, an operator, a cast, an aggregate, …). It is listed so that a
 * comparison can warn about it instead of silently ignoring it.
 *
 * @param kind the object type as {@code pg_identify_object} names it, e.g. {@code rule}
 * @param name the object's identity as {@code pg_identify_object} prints it, e.g. {@code r1 on public.t}
 */
public record Unsupported(String kind, String name) {
    public Unsupported {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
