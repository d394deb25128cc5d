package dev.schemata.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a server converts values from one type to another: its cast catalog ({@code pg_cast}) and which of its
 * types are string types. A plan uses it to tell a type change that keeps every value (binary-coercible or
 * implicit casts) from one that may change or lose some (assignment and explicit casts), and to know when a
 * {@code USING} clause is needed at all. Types are named as {@code format_type(oid, -1)} prints them with an
 * empty {@code search_path}, as the catalog model names them: {@code character varying}, {@code bpchar},
 * {@code public.mood}.
 *
 * @param casts       by {@link #key(String, String)}: the context ({@code i} implicit, {@code a} assignment,
 *                    {@code e} explicit), or {@code b} when the cast is binary-coercible
 * @param stringTypes the types of PostgreSQL's string category (every value converts to them through its
 *                    text form in assignment context)
 * @param known       false for {@link #unknown()}: nothing was read, so no cast is known to be safe
 */
public record TypeCasts(Map<String, Character> casts, Set<String> stringTypes, boolean known) {
    private static final String CASTS = """
            SELECT pg_catalog.format_type(castsource, -1), pg_catalog.format_type(casttarget, -1),
                CASE WHEN castmethod = 'b' THEN 'b' ELSE castcontext END
            FROM pg_catalog.pg_cast""";
    private static final String STRING_TYPES = """
            SELECT pg_catalog.format_type(oid, -1) FROM pg_catalog.pg_type WHERE typcategory = 'S' AND typtype = 'b'""";

    public TypeCasts {
        casts = Map.copyOf(casts);
        stringTypes = Set.copyOf(stringTypes);
    }

    /** No facts: every conversion but the obviously safe ones counts as one that may change values. */
    public static TypeCasts unknown() {
        return new TypeCasts(Map.of(), Set.of("text", "character varying", "bpchar"), false);
    }

    public static String key(String source, String target) {
        return source + " -> " + target;
    }

    /** The cast's context ({@code i}, {@code a}, {@code e}, or {@code b} for binary-coercible), or null when there is none. */
    public Character cast(String source, String target) {
        return casts.get(key(source, target));
    }

    /**
     * Reads the server's casts. The connection is left as it was: the empty {@code search_path} is set in a
     * transaction of its own, or in a savepoint of the caller's.
     */
    public static TypeCasts read(Connection connection) throws SQLException {
        Map<String, Character> casts = new HashMap<>();
        Set<String> strings = new HashSet<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        java.sql.Savepoint savepoint = autoCommit ? null : connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            try (ResultSet rs = s.executeQuery(CASTS)) {
                while (rs.next()) {
                    casts.put(key(rs.getString(1), rs.getString(2)), rs.getString(3).charAt(0));
                }
            }
            try (ResultSet rs = s.executeQuery(STRING_TYPES)) {
                while (rs.next()) {
                    strings.add(rs.getString(1));
                }
            }
        } finally {
            if (savepoint == null) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(savepoint);
            }
        }
        return new TypeCasts(casts, strings, true);
    }
}
