package dev.schemata.diff;

import dev.schemata.catalog.QualifiedName;

import java.util.Set;

/**
 * SQL spelling of names and strings, in one place. A name is quoted when PostgreSQL would not read it back
 * unchanged: when it is not {@code [a-z_][a-z0-9_$]*} or is a keyword that is not unreserved (the words
 * {@code pg_get_keywords()} lists with a category other than {@code U}), as {@code quote_ident} does.
 */
public final class Identifiers {
    /** {@code SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'} (PostgreSQL 15–18). */
    private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric "
            + "authorization between bigint binary bit boolean both case cast char character check coalesce collate "
            + "collation column concurrently constraint create cross current_catalog current_date current_role "
            + "current_schema current_time current_timestamp current_user dec decimal default deferrable desc "
            + "distinct do else end except exists extract false fetch float for foreign freeze from full grant "
            + "greatest group grouping having ilike in initially inner inout int integer intersect interval into is "
            + "isnull join json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar "
            + "json_serialize json_table json_value lateral leading least left like limit localtime localtimestamp "
            + "merge_action national natural nchar none normalize not notnull null nullif numeric offset on only or "
            + "order out outer overlaps overlay placing position precision primary real references returning right "
            + "row select session_user setof similar smallint some substring symmetric system_user table tablesample "
            + "then time timestamp to trailing treat trim true union unique user using values varchar variadic "
            + "verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces "
            + "xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

    private Identifiers() {
    }

    /** The name as SQL, quoted only when needed. */
    public static String quote(String name) {
        if (isPlain(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, each part quoted when needed. */
    public static String qualified(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    /** A string literal; a backslash is an ordinary character with {@code standard_conforming_strings} on. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty() || KEYWORDS.contains(name)) {
            return false;
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
