package dev.schemata.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A text search configuration ({@code CREATE TEXT SEARCH CONFIGURATION}): a parser, and for each token
 * type the parser emits, the dictionaries that normalize it.
 *
 * @param parser   e.g. {@code pg_catalog.default}
 * @param mappings one per mapped token type, sorted by token type
 * @param comment  the configuration's comment, or null
 */
public record TextSearchConfiguration(QualifiedName name, QualifiedName parser, List<Mapping> mappings,
                                      String comment) {

    /**
     * @param tokenType    the parser's alias for the token type, e.g. {@code asciiword}
     * @param dictionaries the dictionaries in the order they are consulted, as {@code regdictionary} prints
     *                     them (schema-qualified outside {@code pg_catalog}), e.g. {@code public.english_nostop, simple}
     */
    public record Mapping(String tokenType, String dictionaries) {
        public Mapping {
            Objects.requireNonNull(tokenType, "tokenType");
            Objects.requireNonNull(dictionaries, "dictionaries");
        }
    }

    public TextSearchConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        mappings = Lists.sorted(mappings, Comparator.comparing(Mapping::tokenType));
    }
}
