package dev.schemata.catalog;

import java.util.Objects;

/**
 * A collation created with {@code CREATE COLLATION}.
 *
 * @param provider      {@code libc}, {@code icu} or {@code builtin}
 * @param collate       {@code LC_COLLATE} (libc), or null
 * @param ctype         {@code LC_CTYPE} (libc), or null
 * @param locale        the ICU or builtin locale, or null
 * @param icuRules      ICU tailoring rules (PostgreSQL 16+), or null
 * @param deterministic false for nondeterministic (e.g. case-insensitive) collations
 * @param comment       the collation's comment, or null
 */
public record Collation(QualifiedName name, String provider, String collate, String ctype, String locale,
                        String icuRules, boolean deterministic, String comment) {
    public Collation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
    }
}
