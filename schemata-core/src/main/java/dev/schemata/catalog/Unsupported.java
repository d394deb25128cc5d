package dev.schemata.catalog;

import java.util.Objects;

/**
 * An object in the database that the model cannot represent (a rule, a publication, a range type, an
 * operator class, a statistics object, …), or a setting of a represented object that the model does not
 * keep (a column's statistics target, a table's tablespace, …). It is listed so that a comparison can warn
 * about it, and a dump refuse to leave it out, instead of silently ignoring it.
 *
 * @param kind the object type as {@code pg_identify_object} names it, e.g. {@code rule}; for a setting, the
 *             setting, e.g. {@code column setting}
 * @param name the object's identity as {@code pg_identify_object} prints it, e.g. {@code r1 on public.t}; for a
 *             setting, the object's type and identity and the setting, e.g.
 *             {@code table column public.t.n: STATISTICS 500}
 */
public record Unsupported(String kind, String name) {
    public Unsupported {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
