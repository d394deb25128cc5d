package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Identity;
import dev.schemata.catalog.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * The columns of a table that exists on both sides: add, drop, and alter type, default, {@code NOT NULL},
 * identity and collation, each as its own step so that each carries only its own hazards. A column whose
 * generation expression changes, or that becomes or stops being generated, is dropped and added again.
 */
final class ColumnSteps {
    /** Defaults whose value differs per row: adding a column with one rewrites the table. */
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "nextval\\(|random\\(|gen_random_uuid\\(|uuid_generate_v|clock_timestamp\\(|timeofday\\(");
    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    private final DiffContext ctx;

    ColumnSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void alter(Table from, Table to, Set<String> inherited) {
        List<Column> before = from.columns().stream().filter(c -> !inherited.contains(c.name())).toList();
        List<Column> after = to.columns().stream().filter(c -> !inherited.contains(c.name())).toList();
        dev.schemata.diff.Matcher.Matched<Column> matched = dev.schemata.diff.Matcher.match(before, after, Column::name);
        String table = "ALTER TABLE " + qualified(to.name());
        for (Column column : matched.drops()) {
            ctx.markReshaped(to.name());
            ctx.addLocking(Phase.DROP_COLUMNS_AND_TABLES, table + " DROP COLUMN " + quote(column.name()), Hazard.DROPS_COLUMN);
        }
        for (Column column : matched.adds()) {
            add(table, column);
        }
        for (dev.schemata.diff.Matcher.Changed<Column> change : matched.alters()) {
            alter(to, table, change.from(), change.to());
        }
    }

    private void add(String table, Column column) {
        boolean rewrites = column.isIdentity() || (column.isGenerated() && column.generation().stored())
                || (column.defaultExpression() != null && VOLATILE_DEFAULT.matcher(column.defaultExpression()).find());
        if (rewrites) {
            ctx.addLocking(Phase.ALTER_TABLES, table + " ADD COLUMN " + definition(column), Hazard.REWRITES_TABLE,
                    Hazard.LOCKS_TABLE);
        } else {
            ctx.addLocking(Phase.ALTER_TABLES, table + " ADD COLUMN " + definition(column));
        }
    }

    private void alter(Table owner, String table, Column from, Column wanted) {
        String column = " ALTER COLUMN " + quote(wanted.name());
        if (!Objects.equals(from.generation(), wanted.generation())) {
            // No ALTER turns a column into a generated one or back (SET EXPRESSION is PostgreSQL 17+ only).
            ctx.markColumnRecreated(owner.name(), wanted.name());
            Hazard loses = from.isGenerated() ? Hazard.REWRITES_TABLE : Hazard.DROPS_COLUMN;
            ctx.addLocking(Phase.DROP_COLUMNS_AND_TABLES, table + " DROP COLUMN " + quote(from.name()), loses);
            add(table, wanted);
            return;
        }
        boolean typeChanges = !from.type().equals(wanted.type()) || !Objects.equals(from.collation(), wanted.collation());
        boolean defaultChanges = !Objects.equals(from.defaultExpression(), wanted.defaultExpression());
        boolean identityAdded = from.identity() == null && wanted.identity() != null;
        if (from.defaultExpression() != null && (defaultChanges || typeChanges || identityAdded)) {
            ctx.addLocking(Phase.ALTER_TABLES, table + column + " DROP DEFAULT");
        }
        if (from.identity() != null && wanted.identity() == null) {
            ctx.addLocking(Phase.ALTER_TABLES, table + column + " DROP IDENTITY");
        }
        if (typeChanges) {
            ctx.markReshaped(owner.name());
            String sql = table + column + " TYPE " + wanted.type()
                    + (wanted.collation() != null ? " COLLATE " + qualified(wanted.collation()) : "")
                    + " USING " + quote(wanted.name()) + "::" + wanted.type();
            if (rewritesOnTypeChange(from.type(), wanted.type())) {
                ctx.addLocking(Phase.ALTER_TABLES, sql, Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE);
            } else {
                ctx.addLocking(Phase.ALTER_TABLES, sql, Hazard.LOCKS_TABLE);
            }
        }
        if (!from.notNull() && wanted.notNull()) {
            setNotNull(owner, table, wanted);
        } else if (from.notNull() && !wanted.notNull()) {
            ctx.addLocking(Phase.ALTER_TABLES, table + column + " DROP NOT NULL");
        }
        identity(table + column, from.identity(), wanted.identity());
        if (wanted.defaultExpression() != null && (defaultChanges || typeChanges || identityAdded)) {
            ctx.addLocking(Phase.ALTER_TABLES, table + column + " SET DEFAULT " + wanted.defaultExpression());
        }
    }

    /**
     * {@code SET NOT NULL} scans the table under an ACCESS EXCLUSIVE lock; online, a {@code NOT VALID} check
     * is validated first (under a lock that lets writes through), and PostgreSQL then skips the scan.
     */
    private void setNotNull(Table to, String table, Column column) {
        String set = table + " ALTER COLUMN " + quote(column.name()) + " SET NOT NULL";
        if (!ctx.options.online()) {
            ctx.addLocking(Phase.ALTER_TABLES, set, Hazard.SCANS_TABLE, Hazard.LOCKS_TABLE);
            return;
        }
        String check = quote(truncate(to.name().name() + "_" + column.name() + "_not_null"));
        ctx.addLocking(Phase.ALTER_TABLES, table + " ADD CONSTRAINT " + check + " CHECK (" + quote(column.name())
                + " IS NOT NULL) NOT VALID");
        ctx.addLocking(Phase.ALTER_TABLES, table + " VALIDATE CONSTRAINT " + check);
        ctx.addLocking(Phase.ALTER_TABLES, set);
        ctx.addLocking(Phase.ALTER_TABLES, table + " DROP CONSTRAINT " + check);
    }

    private void identity(String column, Identity from, Identity to) {
        if (to == null) {
            return;
        }
        if (from == null) {
            ctx.addLocking(Phase.ALTER_TABLES, column + " ADD " + identityClause(to), Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE);
            return;
        }
        if (from.kind() != to.kind()) {
            ctx.addLocking(Phase.ALTER_TABLES, column + " SET GENERATED "
                    + (to.kind() == Identity.Kind.ALWAYS ? "ALWAYS" : "BY DEFAULT"));
        }
        if (!from.options().equals(to.options())) {
            List<String> changes = new ArrayList<>();
            var a = from.options();
            var b = to.options();
            if (a.increment() != b.increment()) {
                changes.add("SET INCREMENT BY " + b.increment());
            }
            if (a.minValue() != b.minValue()) {
                changes.add("SET MINVALUE " + b.minValue());
            }
            if (a.maxValue() != b.maxValue()) {
                changes.add("SET MAXVALUE " + b.maxValue());
            }
            if (a.start() != b.start()) {
                changes.add("SET START WITH " + b.start());
            }
            if (a.cache() != b.cache()) {
                changes.add("SET CACHE " + b.cache());
            }
            if (a.cycle() != b.cycle()) {
                changes.add(b.cycle() ? "SET CYCLE" : "SET NO CYCLE");
            }
            if (!changes.isEmpty()) {
                ctx.addLocking(Phase.ALTER_TABLES, column + " " + String.join(" ", changes));
            }
        }
    }

    /** The column as in {@code CREATE TABLE} or {@code ADD COLUMN}. */
    static String definition(Column column) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(qualified(column.collation()));
        }
        if (column.isGenerated()) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generation().expression()).append(')')
                    .append(column.generation().stored() ? " STORED" : " VIRTUAL");
        }
        if (column.isIdentity()) {
            sql.append(' ').append(identityClause(column.identity()));
        }
        if (column.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private static String identityClause(Identity identity) {
        String options = SequenceSteps.options(identity.options(), true);
        return "GENERATED " + (identity.kind() == Identity.Kind.ALWAYS ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY"
                + (options.isEmpty() ? "" : " (" + options + ")");
    }

    /**
     * Whether changing the type rewrites the table. A few changes are known to be free: widening or removing
     * a {@code varchar} limit, {@code varchar} to {@code text}, and widening a {@code numeric} precision at the
     * same scale. Anything else is assumed to rewrite.
     */
    static boolean rewritesOnTypeChange(String from, String to) {
        if (from.equals(to)) {
            return false; // only the collation changes: indexes are rebuilt, rows are not
        }
        if (to.equals("text") && (from.equals("character varying") || VARCHAR.matcher(from).matches())) {
            return false;
        }
        Matcher a = VARCHAR.matcher(from);
        if (a.matches() && to.equals("character varying")) {
            return false;
        }
        Matcher b = VARCHAR.matcher(to);
        if (a.matches() && b.matches()) {
            return Integer.parseInt(b.group(1)) < Integer.parseInt(a.group(1));
        }
        Matcher n1 = NUMERIC.matcher(from);
        Matcher n2 = NUMERIC.matcher(to);
        if (n1.matches() && n2.matches()) {
            return !(n1.group(2).equals(n2.group(2)) && Integer.parseInt(n2.group(1)) >= Integer.parseInt(n1.group(1)));
        }
        return true;
    }

    static String truncate(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
