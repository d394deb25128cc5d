package dev.schemata.diff;

import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.TextSearchConfiguration;
import dev.schemata.catalog.TextSearchDictionary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static dev.schemata.diff.Identifiers.qualified;

/**
 * Text search dictionaries and configurations. They are created after types and before functions and
 * tables, since generated columns and index expressions name them ({@code to_tsvector('public.english', …)}):
 * dictionaries first, as configurations map token types to them. A changed configuration is altered in
 * place (mappings added, changed, dropped) so that the indexes using it stay; a changed parser or template
 * needs the object dropped and created again, which fails while something still uses it.
 */
final class TextSearchSteps {
    private static final Hazard MAPPING_CHANGED = new Hazard(HazardKind.HAS_UNTRACKABLE_DEPENDENCIES,
            "Changes how text is parsed into lexemes: stored tsvector values and the indexes built with this "
                    + "configuration are not recomputed.");
    /** The option names of a dictionary's {@code dictinitoption}, as PostgreSQL writes it ({@code name = 'value', …}). */
    private static final Pattern OPTION_NAME = Pattern.compile("(?:^|, )(\\w+) = ");

    private final DiffContext ctx;

    TextSearchSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        var dictionaries = Matcher.match(ctx.from.textSearchDictionaries(),
                ctx.to.textSearchDictionaries(), TextSearchDictionary::name);
        var configurations = Matcher.match(ctx.from.textSearchConfigurations(),
                ctx.to.textSearchConfigurations(), TextSearchConfiguration::name);
        for (TextSearchDictionary d : dictionaries.adds()) {
            ctx.add(Phase.CREATE_TEXT_SEARCH, create(d));
        }
        for (var change : dictionaries.alters()) {
            alter(change.from(), change.to());
        }
        for (TextSearchConfiguration c : configurations.adds()) {
            create(c);
        }
        for (var change : configurations.alters()) {
            alter(change.from(), change.to());
        }
        for (TextSearchConfiguration c : configurations.drops()) {
            ctx.add(Phase.DROP_TEXT_SEARCH, "DROP TEXT SEARCH CONFIGURATION " + qualified(c.name()), Hazard.UNTRACKED_CALLERS);
        }
        for (TextSearchDictionary d : dictionaries.drops()) {
            ctx.add(Phase.DROP_TEXT_SEARCH, "DROP TEXT SEARCH DICTIONARY " + qualified(d.name()), Hazard.UNTRACKED_CALLERS);
        }
    }

    static String dictionaryKey(QualifiedName name) {
        return DiffContext.key("text search dictionary", name);
    }

    static String configurationKey(QualifiedName name) {
        return DiffContext.key("text search configuration", name);
    }

    private static String create(TextSearchDictionary d) {
        return "CREATE TEXT SEARCH DICTIONARY " + qualified(d.name()) + " (TEMPLATE = " + qualified(d.template())
                + (d.options() == null ? "" : ", " + d.options()) + ")";
    }

    private void alter(TextSearchDictionary a, TextSearchDictionary b) {
        if (!a.template().equals(b.template())) {
            ctx.markRecreated(dictionaryKey(b.name()));
            ctx.add(Phase.CREATE_TEXT_SEARCH, "DROP TEXT SEARCH DICTIONARY " + qualified(a.name()), Hazard.UNTRACKED_CALLERS);
            ctx.add(Phase.CREATE_TEXT_SEARCH, create(b));
        } else if (!Objects.equals(a.options(), b.options())) {
            // Options are set or replaced by name; one written without a value is removed.
            List<String> options = new ArrayList<>();
            if (b.options() != null) {
                options.add(b.options());
            }
            List<String> kept = optionNames(b.options());
            optionNames(a.options()).stream().filter(name -> !kept.contains(name)).forEach(options::add);
            ctx.add(Phase.CREATE_TEXT_SEARCH, "ALTER TEXT SEARCH DICTIONARY " + qualified(b.name()) + " ("
                    + String.join(", ", options) + ")", MAPPING_CHANGED);
        }
    }

    private static List<String> optionNames(String options) {
        List<String> names = new ArrayList<>();
        if (options != null) {
            var m = OPTION_NAME.matcher(options);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private void create(TextSearchConfiguration c) {
        ctx.add(Phase.CREATE_TEXT_SEARCH, "CREATE TEXT SEARCH CONFIGURATION " + qualified(c.name()) + " (PARSER = "
                + qualified(c.parser()) + ")");
        // One ADD MAPPING per list of dictionaries, for all the token types that use it.
        Map<String, List<String>> tokenTypes = new LinkedHashMap<>();
        c.mappings().forEach(m -> tokenTypes.computeIfAbsent(m.dictionaries(), k -> new ArrayList<>()).add(m.tokenType()));
        tokenTypes.forEach((dictionaries, tokens) -> ctx.add(Phase.CREATE_TEXT_SEARCH, "ALTER TEXT SEARCH CONFIGURATION "
                + qualified(c.name()) + " ADD MAPPING FOR " + String.join(", ", tokens) + " WITH " + dictionaries));
    }

    private void alter(TextSearchConfiguration a, TextSearchConfiguration b) {
        if (!a.parser().equals(b.parser())) {
            ctx.markRecreated(configurationKey(b.name()));
            ctx.add(Phase.CREATE_TEXT_SEARCH, "DROP TEXT SEARCH CONFIGURATION " + qualified(a.name()), Hazard.UNTRACKED_CALLERS);
            create(b);
            return;
        }
        String name = qualified(b.name());
        Map<String, String> before = mappings(a);
        Map<String, String> after = mappings(b);
        for (String token : before.keySet()) {
            if (!after.containsKey(token)) {
                ctx.add(Phase.CREATE_TEXT_SEARCH, "ALTER TEXT SEARCH CONFIGURATION " + name + " DROP MAPPING FOR " + token,
                        MAPPING_CHANGED);
            }
        }
        after.forEach((token, dictionaries) -> {
            if (!before.containsKey(token)) {
                ctx.add(Phase.CREATE_TEXT_SEARCH, "ALTER TEXT SEARCH CONFIGURATION " + name + " ADD MAPPING FOR " + token
                        + " WITH " + dictionaries, MAPPING_CHANGED);
            } else if (!before.get(token).equals(dictionaries)) {
                ctx.add(Phase.CREATE_TEXT_SEARCH, "ALTER TEXT SEARCH CONFIGURATION " + name + " ALTER MAPPING FOR " + token
                        + " WITH " + dictionaries, MAPPING_CHANGED);
            }
        });
    }

    private static Map<String, String> mappings(TextSearchConfiguration c) {
        Map<String, String> byToken = new LinkedHashMap<>();
        c.mappings().forEach(m -> byToken.put(m.tokenType(), m.dictionaries()));
        return byToken;
    }
}
