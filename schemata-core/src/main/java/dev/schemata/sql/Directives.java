package dev.schemata.sql;

import dev.schemata.Durations;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schemata's directive comments, {@code -- schemata:NAME ARGUMENT} (also inside {@code /* *}{@code /}), checked
 * in one place so that none is silently ignored: an unknown name (a misspelling), a directive in a file where it
 * does nothing, or an argument that does not read is a {@link SqlSyntaxException} naming {@code file:line} and
 * the accepted forms. Each directive's meaning lives with its reader: the timeouts with the migration runner,
 * {@code lint-ignore} with the lint, {@code renamed-from} with the declarative planner.
 */
public final class Directives {
    /** The kind of file a directive is read in. */
    public enum Place {
        /** A versioned, repeatable or down migration. */
        MIGRATION("migrations"),
        /** The declarative schema file, {@code init.sql}. */
        SCHEMA_FILE("the schema file (init.sql)");

        private final String description;

        Place(String description) {
            this.description = description;
        }
    }

    /**
     * One directive.
     *
     * @param name     as written after {@code schemata:}, such as {@code lock-timeout}
     * @param argument what follows it, as checked: the duration as written, the rule ids, the old name
     * @param duration for {@code lock-timeout} and {@code statement-timeout}, the duration; otherwise null
     * @param line     the line in the file
     */
    public record Directive(String name, String argument, Duration duration, int line) {
    }

    public static final String LOCK_TIMEOUT = "lock-timeout";
    public static final String STATEMENT_TIMEOUT = "statement-timeout";
    public static final String LINT_IGNORE = "lint-ignore";
    public static final String RENAMED_FROM = "renamed-from";
    /** In a baseline written by {@code squash}: one migration it replaces, as {@code VERSION CHECKSUM FILE}. */
    public static final String SQUASHED = "squashed";

    private enum Argument { DURATION, RULES, NAME, SQUASHED }

    private record Known(Argument argument, String form, List<Place> places) {
    }

    private static final Map<String, Known> KNOWN = Map.of(
            LOCK_TIMEOUT, new Known(Argument.DURATION, "-- schemata:lock-timeout 5s", List.of(Place.MIGRATION)),
            STATEMENT_TIMEOUT, new Known(Argument.DURATION, "-- schemata:statement-timeout 10min", List.of(Place.MIGRATION)),
            LINT_IGNORE, new Known(Argument.RULES, "-- schemata:lint-ignore rule-id[, rule-id …]",
                    List.of(Place.MIGRATION, Place.SCHEMA_FILE)),
            RENAMED_FROM, new Known(Argument.NAME, "-- schemata:renamed-from old_name", List.of(Place.SCHEMA_FILE)),
            SQUASHED, new Known(Argument.SQUASHED, "-- schemata:squashed VERSION CHECKSUM FILE", List.of(Place.MIGRATION)));

    /**
     * Where a directive starts: {@code schemata:} not inside a word, or right after a line comment's dashes
     * ({@code --schemata:lock-timeout 1s}, as Liquibase's {@code --changeset} is written); in any case, so that a
     * capitalised one is found and refused rather than ignored.
     */
    private static final Pattern START = Pattern.compile("(?:(?<=^-{2,8})|(?<![\\w-]))schemata:([A-Za-z0-9_-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("[0-9]+(?:\\s*[A-Za-z]+)?");
    private static final Pattern RULES = Pattern.compile("[A-Za-z0-9-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9-]+)*");
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern SQUASHED_ENTRY = Pattern.compile("[0-9][0-9.-]*[ \\t]+[0-9a-f]{64}[ \\t]+\\S.*");

    private Directives() {
    }

    /**
     * The directives of one comment, checked.
     *
     * @param source     the file name for messages
     * @param lineOffset lines of the file before the script (a dbmate section), added to the lines reported
     * @throws SqlSyntaxException for an unknown directive, one that does nothing in {@code place}, or an
     *                            argument that does not read
     */
    public static List<Directive> of(Token comment, Place place, String source, int lineOffset) {
        String text = comment.text();
        if (!mayHoldOne(text)) {
            return List.of();
        }
        List<Directive> found = new ArrayList<>(1);
        Matcher m = START.matcher(text);
        while (m.find()) {
            int line = comment.line() + lineOffset + newlines(text, m.start());
            String rest = rest(text, m.end());
            if (!m.group().startsWith("schemata:")) {
                // "Schemata: …" in prose is no directive; a directive's name after it is one written in capitals.
                String name = m.group(1).toLowerCase(Locale.ROOT);
                Optional<String> meant = KNOWN.containsKey(name) ? Optional.of(name) : closest(name, place);
                if (meant.isPresent()) {
                    throw new SqlSyntaxException(source, line, "\"" + m.group() + "\" is not read as a directive;"
                            + " directives are written in lower case (did you mean schemata:" + meant.get() + "?)");
                }
                continue;
            }
            if (m.group(1).isEmpty()) {
                // "schemata: " followed by prose is no directive; followed by a directive's name it is a slip.
                String word = first(rest.stripLeading());
                if (!word.isEmpty() && !suggestion(word, place).isEmpty()) {
                    throw new SqlSyntaxException(source, line, "\"schemata: " + word + "\" is not read as a directive;"
                            + " write it without a space after the colon" + suggestion(word, place));
                }
                continue;
            }
            found.add(check(m.group(1), rest, place, source, line));
        }
        return found;
    }

    /**
     * Every directive of a whole script, comments that belong to no statement included, checked as
     * {@link Collector} checks them; for callers that have split the script already.
     */
    public static List<Directive> inScript(String sql, Place place, String source, int lineOffset) {
        Collector collector = new Collector(place, source, lineOffset);
        if (mayHoldOne(sql)) {
            SqlScanner scanner = new SqlScanner(new StringReader(sql), source).onComment(collector);
            while (scanner.next() != null) {
                // the comments are what is read
            }
        }
        return collector.directives();
    }

    /**
     * Collects the directives of one file from its comments ({@link SqlScanner#onComment}), checking each, and
     * that no timeout is given twice: which of two would apply is anybody's guess.
     */
    public static final class Collector implements Consumer<Token> {
        private final Place place;
        private final String source;
        private final int lineOffset;
        private final List<Directive> found = new ArrayList<>();

        public Collector(Place place, String source, int lineOffset) {
            this.place = place;
            this.source = source;
            this.lineOffset = lineOffset;
        }

        @Override
        public void accept(Token comment) {
            for (Directive d : of(comment, place, source, lineOffset)) {
                Optional<Directive> first = find(d.name());
                if (d.duration() != null && first.isPresent()) {
                    throw new SqlSyntaxException(source, d.line(), "a second schemata:" + d.name() + " (the first is on"
                            + " line " + first.get().line() + "); keep one");
                }
                found.add(d);
            }
        }

        public List<Directive> directives() {
            return List.copyOf(found);
        }

        /** The first directive called {@code name}. */
        public Optional<Directive> find(String name) {
            return found.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    }

    private static boolean mayHoldOne(String text) {
        return text.toLowerCase(Locale.ROOT).contains("schemata:");
    }

    /** What follows the name on its line, up to a block comment's end or a further directive. */
    private static String rest(String text, int from) {
        int end = text.length();
        for (String stop : new String[]{"\n", "\r", "*/", "schemata:"}) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(from, end);
    }

    private static Directive check(String name, String rest, Place place, String source, int line) {
        Known known = KNOWN.get(name);
        if (known == null) {
            throw new SqlSyntaxException(source, line, "unknown directive schemata:" + name + suggestion(name, place)
                    + "; the directives read in " + place.description + " are " + forms(place));
        }
        if (!known.places().contains(place)) {
            Place other = known.places().get(0);
            throw new SqlSyntaxException(source, line, "schemata:" + name + " does nothing in " + place.description
                    + ": it is read only in " + other.description + "; remove it");
        }
        String argument = rest.replaceFirst("^[\\s=]+", "");
        return switch (known.argument()) {
            case DURATION -> {
                Matcher m = DURATION.matcher(argument);
                String value = m.lookingAt() ? m.group() : first(argument);
                try {
                    yield new Directive(name, value, Durations.parse(value, null), line);
                } catch (IllegalArgumentException e) {
                    throw new SqlSyntaxException(source, line, "schemata:" + name + ": " + e.getMessage()
                            + "; write it as " + known.form());
                }
            }
            case RULES -> {
                Matcher m = RULES.matcher(argument);
                if (!m.lookingAt() || !rest.matches("^[ \\t].*")) {
                    throw new SqlSyntaxException(source, line, "schemata:" + name + " needs the ids of the rules to silence,"
                            + " as in " + known.form());
                }
                yield new Directive(name, m.group(), null, line);
            }
            case NAME -> {
                String value = first(argument);
                if (value.isEmpty()) {
                    throw new SqlSyntaxException(source, line, "schemata:" + name + " needs the old name, as in "
                            + known.form());
                }
                yield new Directive(name, value, null, line);
            }
            case SQUASHED -> {
                String value = argument.strip();
                if (!SQUASHED_ENTRY.matcher(value).matches()) {
                    throw new SqlSyntaxException(source, line, "schemata:" + name + " needs the version, checksum and file"
                            + " of a squashed migration, as in " + known.form());
                }
                yield new Directive(name, value, null, line);
            }
        };
    }

    private static String first(String text) {
        Matcher m = WORD.matcher(text);
        return m.lookingAt() ? m.group() : "";
    }

    private static String forms(Place place) {
        return String.join(", ", KNOWN.entrySet().stream().filter(e -> e.getValue().places().contains(place))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().form()).toList());
    }

    /** " (did you mean schemata:X?)" for the known name closest to a misspelling, if it is close. */
    private static String suggestion(String name, Place place) {
        return closest(name, place).map(known -> " (did you mean schemata:" + known + "?)").orElse("");
    }

    /** The name of the directive read in {@code place} that {@code name} is a misspelling of, if it is close. */
    private static Optional<String> closest(String name, Place place) {
        return KNOWN.entrySet().stream().filter(e -> e.getValue().places().contains(place)).map(Map.Entry::getKey)
                .min(Comparator.comparingInt(known -> distance(known, name)))
                .filter(known -> distance(known, name) <= 3);
    }

    /** Edit distance (insertions, deletions, substitutions). */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int newlines(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
