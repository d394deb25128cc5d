package dev.schemata.lint;

import dev.schemata.sql.Token;

import java.util.List;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites the table. PostgreSQL skips the rewrite when the old values
 * are valid, unchanged values of the new type: a binary-coercible cast (varchar to text, cidr to inet) or a
 * looser length, precision or scale limit of the same type (varchar(50) to varchar(100), numeric(10,2) to
 * numeric(12,2)). Anything else, and any USING expression other than the column itself, rewrites it.
 */
final class TypeChanges {
    private TypeChanges() {
    }

    /** Whether changing {@code from} to {@code to} rewrites the table. */
    static boolean rewrites(TypeName from, TypeName to, List<Token> using, String column) {
        if (!using.isEmpty() && !(using.size() == 1 && Cursor.fold(using.get(0)).equals(column))) {
            return true;
        }
        if (from.array() != to.array()) {
            return true;
        }
        if (from.base().equals(to.base())) {
            return !loosens(from, to);
        }
        boolean textLike = isTextLike(from) && (to.is("text", "citext") || to.is("varchar") && to.length() < 0);
        return !(textLike || from.is("citext") && (to.is("text") || to.is("varchar") && to.length() < 0)
                || from.is("cidr") && to.is("inet"));
    }

    /**
     * What a static lint assumes when the current type is unknown: a change to text, citext or varchar
     * without a limit widens a character column and does not rewrite.
     */
    static boolean assumedWidening(TypeName to, List<Token> using) {
        return using.isEmpty() && !to.array() && (to.is("text", "citext") || to.is("varchar") && to.length() < 0);
    }

    private static boolean isTextLike(TypeName type) {
        return type.is("varchar", "text", "citext");
    }

    /** Same base type: whether the new modifiers only relax the old ones. */
    private static boolean loosens(TypeName from, TypeName to) {
        if (from.modifiers().equals(to.modifiers())) {
            return true;
        }
        if (to.modifiers().isEmpty()) {
            return from.is("varchar", "varbit", "numeric", "timestamp", "timestamptz", "time", "timetz", "interval");
        }
        if (from.modifiers().isEmpty()) {
            return false;
        }
        int oldFirst = from.modifiers().get(0);
        int newFirst = to.modifiers().get(0);
        if (from.is("varchar", "varbit", "timestamp", "timestamptz", "time", "timetz", "interval")) {
            return newFirst >= oldFirst;
        }
        if (from.is("numeric")) {
            int oldScale = from.modifiers().size() > 1 ? from.modifiers().get(1) : 0;
            int newScale = to.modifiers().size() > 1 ? to.modifiers().get(1) : 0;
            return newScale == oldScale && newFirst >= oldFirst;
        }
        return false;
    }
}
