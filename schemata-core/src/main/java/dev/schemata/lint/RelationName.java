package dev.schemata.lint;

import java.util.Locale;
import java.util.Objects;

/**
 * The name of a table, view, index, type or schema as a statement writes it, with each part folded the way
 * PostgreSQL folds identifiers (unquoted: lower case; quoted: as written).
 *
 * @param schema the schema part, or null when unqualified
 * @param name   the object's own name
 */
record RelationName(String schema, String name) {
    RelationName {
        Objects.requireNonNull(name, "name");
    }

    static RelationName of(String name) {
        return new RelationName(null, name);
    }

    /**
     * The identity used to follow an object through a run. Unqualified names are taken to be in
     * {@code public}: the lint cannot know the search path a migration runs with.
     */
    String key() {
        return (schema == null ? "public" : schema) + "." + name;
    }

    /** SQL text that {@code to_regclass} resolves to the same object, with the server's search path. */
    String sql() {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    // Written out: a record's own equals and hashCode go through method handles, which cost about 20 ms
    // in a fresh JVM when a run's lint hashes the names of a thousand files.
    @Override
    public boolean equals(Object o) {
        return o instanceof RelationName other && name.equals(other.name) && Objects.equals(schema, other.schema);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(schema) + name.hashCode();
    }

    /** As shown in messages: folded parts, quoted only where the folding would change them. */
    @Override
    public String toString() {
        return schema == null ? display(name) : display(schema) + "." + display(name);
    }

    private static String quote(String part) {
        return "\"" + part.replace("\"", "\"\"") + "\"";
    }

    private static String display(String part) {
        boolean plain = !part.isEmpty() && part.equals(part.toLowerCase(Locale.ROOT));
        for (int i = 0; plain && i < part.length(); i++) {
            char c = part.charAt(i);
            plain = c == '_' || c == '$' || Character.isLetterOrDigit(c);
        }
        return plain ? part : quote(part);
    }
}
