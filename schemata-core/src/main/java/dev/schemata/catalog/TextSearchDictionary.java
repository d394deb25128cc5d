package dev.schemata.catalog;

import java.util.Objects;

/**
 * A text search dictionary ({@code CREATE TEXT SEARCH DICTIONARY}).
 *
 * @param template the template it instantiates, e.g. {@code pg_catalog.snowball}
 * @param options  its options as PostgreSQL prints them ({@code dictinitoption}), e.g.
 *                 {@code language = 'english', stopwords = 'english'}; null when it has none
 * @param comment  the dictionary's comment, or null
 */
public record TextSearchDictionary(QualifiedName name, QualifiedName template, String options, String comment) {
    public TextSearchDictionary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
    }
}
