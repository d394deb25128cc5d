package dev.schemata.diff;

import dev.schemata.catalog.Domain;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.TypeCasts;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * What {@code ALTER COLUMN … TYPE} does to a column's values, and the {@code USING} clause it needs.
 *
 * <p>Domains are looked through to their base types and arrays to their elements; then the server's cast
 * catalog ({@link TypeCasts}) says how PostgreSQL converts one to the other. A change keeps every value when
 * it only widens a length, precision or scale, when the cast is binary-coercible or implicit (except into a
 * floating-point type, which is approximate), when it converts to an unlimited string type, or when it moves
 * enum labels (a label is kept as written, or the step fails). Anything else may change or lose values:
 * narrowing a limit, an assignment or explicit cast (numeric to integer rounds, timestamp to date drops the
 * time), parsing text, or a change with no cast at all.
 *
 * <p>{@code USING} is written only when PostgreSQL has no implicit or assignment conversion. It converts to
 * the new base type without its length limit, and PostgreSQL then applies the limit (and any domain checks)
 * with assignment semantics, which raise on a value that does not fit; an explicit cast to
 * {@code varchar(4)} would silently cut it instead. Types without a direct cast (one enum to another) go
 * through {@code text}.
 */
final class TypeChange {
    private static final Pattern LENGTH = Pattern.compile("(character varying|character|bit varying|bit)\\((\\d+)\\)");
    private static final Pattern TIME = Pattern.compile("(timestamp|time)\\((\\d+)\\) (with|without) time zone");
    private static final Set<String> LENGTH_TYPES = Set.of("character varying", "bpchar", "\"bit\"", "bit varying");
    private static final Set<String> STRING_FAMILY = Set.of("text", "character varying", "bpchar");
    private static final Set<String> FLOATS = Set.of("real", "double precision");

    /** How PostgreSQL gets from the old base type to the new one. */
    private enum Conversion {
        SAME, BINARY, IMPLICIT, ASSIGNMENT, EXPLICIT, TO_STRING, FROM_STRING, LABELS, NO_CAST, UNKNOWN
    }

    /** Why values may change, or null when every value is kept. */
    final String loss;
    /** The {@code USING} expression for an operand, or null when PostgreSQL converts on its own. */
    private final String usingTemplate;
    private final String fromType;
    private final String toType;

    private TypeChange(String loss, String usingTemplate, String fromType, String toType) {
        this.loss = loss;
        this.usingTemplate = usingTemplate;
        this.fromType = fromType;
        this.toType = toType;
    }

    boolean lossy() {
        return loss != null;
    }

    /** {@code " USING …"} for the column, or an empty string. */
    String usingClause(String column) {
        return usingTemplate == null ? "" : " USING " + using(quote(column));
    }

    private String using(String operand) {
        return usingTemplate == null ? operand : usingTemplate.replace("\u0000", operand);
    }

    static TypeChange of(DiffContext ctx, String fromType, String toType) {
        TypeCasts casts = ctx.options.casts();
        TypeName a = resolve(TypeName.parse(fromType), ctx.from);
        TypeName b = resolve(TypeName.parse(toType), ctx.to);
        Conversion conversion = conversion(a, b, casts, ctx);
        String target = b.castTarget();
        String using = switch (conversion) {
            case SAME, BINARY, IMPLICIT, ASSIGNMENT, TO_STRING -> null;
            case EXPLICIT, FROM_STRING, UNKNOWN -> "\u0000::" + target;
            case LABELS, NO_CAST -> "\u0000::text" + "[]".repeat(a.dims) + "::" + target;
        };
        return new TypeChange(loss(conversion, a, b), using, fromType, toType);
    }

    private static Conversion conversion(TypeName a, TypeName b, TypeCasts casts, DiffContext ctx) {
        if (a.dims != b.dims) {
            return b.dims == 0 && casts.stringTypes().contains(b.base) ? Conversion.TO_STRING
                    : a.dims == 0 && casts.stringTypes().contains(a.base) ? Conversion.FROM_STRING : Conversion.NO_CAST;
        }
        if (a.base.equals(b.base)) {
            return Conversion.SAME;
        }
        Character cast = casts.cast(a.base, b.base);
        if (cast != null) {
            return switch (cast) {
                case 'b' -> Conversion.BINARY;
                case 'i' -> Conversion.IMPLICIT;
                case 'a' -> Conversion.ASSIGNMENT;
                default -> Conversion.EXPLICIT;
            };
        }
        boolean fromEnum = isEnum(a.base, ctx.from);
        boolean toEnum = isEnum(b.base, ctx.to);
        if (casts.stringTypes().contains(b.base)) {
            return Conversion.TO_STRING;
        }
        if (toEnum && (fromEnum || casts.stringTypes().contains(a.base))) {
            return Conversion.LABELS;
        }
        if (casts.stringTypes().contains(a.base)) {
            return Conversion.FROM_STRING;
        }
        return casts.known() || fromEnum ? Conversion.NO_CAST : Conversion.UNKNOWN;
    }

    private static String loss(Conversion conversion, TypeName a, TypeName b) {
        if (conversion == Conversion.SAME) {
            return narrows(a, b) ? "the new type has a shorter length, lower precision or smaller scale" : null;
        }
        if (b.modifier != null) {
            boolean within = a.modifier != null && STRING_FAMILY.contains(a.base) && STRING_FAMILY.contains(b.base)
                    && !narrows(a, b);
            if (!within) {
                return "the new type limits length, precision or scale";
            }
        }
        return switch (conversion) {
            case BINARY, IMPLICIT -> FLOATS.contains(b.base) && !FLOATS.contains(a.base)
                    ? "floating-point types are approximate" : null;
            case TO_STRING -> b.base.equals("name") ? "values of type name are cut at 63 bytes" : null;
            case LABELS -> null;
            case ASSIGNMENT -> "PostgreSQL converts it only with an assignment cast, which may round, cut or shift values";
            case EXPLICIT -> "PostgreSQL converts it only with an explicit cast, which may round, cut or shift values";
            case FROM_STRING -> "values are parsed from text, which may rewrite or reject them";
            case NO_CAST -> "there is no cast between the types: values go through their text form";
            case UNKNOWN -> "the server's casts were not consulted";
            case SAME -> null;
        };
    }

    /** Whether the new modifier admits fewer values than the old one (same base type, or two string types). */
    private static boolean narrows(TypeName a, TypeName b) {
        if (b.modifier == null || b.modifier.equals(a.modifier)) {
            return false;
        }
        if (a.modifier == null) {
            return true;
        }
        int[] x = numbers(a.modifier);
        int[] y = numbers(b.modifier);
        if (x == null || y == null || x.length != y.length) {
            return true;
        }
        if (b.base.equals("numeric")) {
            int scale = x.length > 1 ? x[1] : 0;
            int newScale = y.length > 1 ? y[1] : 0;
            return newScale < scale || y[0] - newScale < x[0] - scale;
        }
        if (b.base.equals("\"bit\"")) {
            return true; // a fixed-length bit string of another length does not convert
        }
        return y[0] < x[0];
    }

    private static int[] numbers(String modifier) {
        String[] parts = modifier.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].strip().matches("\\d+")) {
                return null;
            }
            values[i] = Integer.parseInt(parts[i].strip());
        }
        return values;
    }

    private static boolean isEnum(String base, SchemaModel model) {
        return model.enums().stream().anyMatch(e -> qualified(e.name()).equals(base));
    }

    /** The type with its domains replaced by their base types (a domain over a domain included). */
    private static TypeName resolve(TypeName type, SchemaModel model) {
        TypeName t = type;
        for (int depth = 0; depth < 32; depth++) {
            String base = t.base;
            Domain domain = model.domains().stream().filter(d -> qualified(d.name()).equals(base)).findFirst().orElse(null);
            if (domain == null) {
                return t;
            }
            TypeName b = TypeName.parse(domain.baseType());
            t = new TypeName(b.base, b.modifier, b.element, b.dims + t.dims);
        }
        return t;
    }

    /**
     * A statement that counts, on the target, the non-null values of the column that would not come back
     * unchanged from the new type (compared in their text form), and those the conversion would reject. It
     * counts with one query, and row by row only if that query fails on a value that does not convert.
     */
    String rowCheck(QualifiedName table, String column) {
        String col = quote(column);
        String body = """
                DECLARE
                    r record;
                    changed bigint := 0;
                    total bigint := 0;
                BEGIN
                    BEGIN
                        SELECT count(*) FILTER (WHERE %1$s), count(*) INTO changed, total
                        FROM %3$s AS t WHERE t.%4$s IS NOT NULL;
                    EXCEPTION WHEN OTHERS THEN
                        changed := 0;
                        total := 0;
                        FOR r IN SELECT t.%4$s AS v FROM %3$s AS t WHERE t.%4$s IS NOT NULL LOOP
                            total := total + 1;
                            BEGIN
                                IF %2$s THEN
                                    changed := changed + 1;
                                END IF;
                            EXCEPTION WHEN OTHERS THEN
                                changed := changed + 1;
                            END;
                        END LOOP;
                    END;
                    PERFORM pg_catalog.set_config('%5$s', changed || ' ' || total, true);
                END
                """.formatted(differs("t." + col), differs("r.v"), qualified(table), col, Hazard.ROW_CHECK_SETTING);
        String tag = "$check$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$check" + i + "$";
        }
        return "DO " + tag + "\n" + body + tag;
    }

    /** Whether the value does not survive the way there and back (it may also raise: it does not convert). */
    private String differs(String operand) {
        return "CAST(CAST(CAST(" + using(operand) + " AS " + toType + ") AS text) AS " + fromType + ")::text IS DISTINCT FROM ("
                + operand + ")::text";
    }

    /**
     * A type as {@code format_type} prints it, split into what a cast names and its modifier.
     *
     * @param base     the type without modifier or array brackets, as a cast names it ({@code bpchar} for
     *                 {@code character(n)}, {@code "bit"} for {@code bit(n)})
     * @param modifier the modifier as printed ({@code 12,2} for {@code numeric(12,2)}, {@code year to month}
     *                 for an interval), or null
     * @param element  the type as printed, without array brackets
     * @param dims     the number of array brackets
     */
    record TypeName(String base, String modifier, String element, int dims) {
        static TypeName parse(String type) {
            int dims = 0;
            String s = type;
            while (s.endsWith("[]")) {
                s = s.substring(0, s.length() - 2);
                dims++;
            }
            Matcher m = LENGTH.matcher(s);
            if (m.matches()) {
                String base = switch (m.group(1)) {
                    case "character" -> "bpchar";
                    case "bit" -> "\"bit\"";
                    default -> m.group(1);
                };
                return new TypeName(base, m.group(2), s, dims);
            }
            m = TIME.matcher(s);
            if (m.matches()) {
                return new TypeName(m.group(1) + " " + m.group(3) + " time zone", m.group(2), s, dims);
            }
            if (s.startsWith("interval") && s.length() > 8 && (s.charAt(8) == ' ' || s.charAt(8) == '(')) {
                return new TypeName("interval", s.substring(8).strip(), s, dims);
            }
            int open = s.lastIndexOf('(');
            if (s.endsWith(")") && open > 0 && s.substring(0, open).chars().filter(c -> c == '"').count() % 2 == 0) {
                return new TypeName(s.substring(0, open), s.substring(open + 1, s.length() - 1), s, dims);
            }
            return new TypeName(s, null, s, dims);
        }

        /** What {@code USING} casts to: the type without a length limit, which PostgreSQL then applies itself. */
        String castTarget() {
            return (LENGTH_TYPES.contains(base) ? base : element) + "[]".repeat(dims);
        }
    }
}
