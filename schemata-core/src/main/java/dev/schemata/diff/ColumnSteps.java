package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Identity;
import dev.schemata.catalog.QualifiedName;
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
 * generation expression changes, or that becomes or stops being generated, is dropped and added again. A
 * type change asks {@link TypeChange} whether it may change values and which {@code USING} it needs. An
 * inheritance child changes only the columns it declares itself; those it only inherits follow its parents.
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

    /**
     * @param addedByParents columns that parents the table keeps inheriting from have in the new schema: if the
     *                       table lacks one, the parent adds it; when the table is to declare it too, the table
     *                       adds it first, so that the parent's column merges into the table's own
     */
    void alter(Table from, Table to, Set<String> addedByParents) {
        // An inheritance child's own columns are its to change; those it only inherits are its parents'. A
        // column counts as the child's when the new schema has the child declare it (it may have been
        // inherited only until now), or, when the new schema drops it, when the child declared it until now.
        List<Column> before = from.columns().stream().filter(c -> declaredBy(c, to)).toList();
        List<Column> after = to.columns().stream().filter(Column::local).toList();
        dev.schemata.diff.Matcher.Matched<Column> matched = dev.schemata.diff.Matcher.match(before, after, Column::name);
        for (Column column : matched.drops()) {
            drop(from, column.name(), inheritedFromParent(from, column.name()) ? Phase.ALTER_TABLES : Phase.DROP_COLUMNS_AND_TABLES);
        }
        for (Column column : from.columns()) {
            if (column.local() && to.columns().stream().anyMatch(c -> c.name().equals(column.name()) && !c.local())) {
                ctx.unplanned("column " + qualified(to.name()) + "." + quote(column.name()) + " stays declared by the table"
                        + " (PostgreSQL cannot make a column inherited-only without dropping its values)");
            }
        }
        String table = "ALTER TABLE " + qualified(to.name());
        for (Column column : matched.adds()) {
            add(addedByParents.contains(column.name()) ? Phase.CREATE_TABLES : Phase.ALTER_TABLES, table, column);
        }
        for (dev.schemata.diff.Matcher.Changed<Column> change : matched.alters()) {
            alter(to, table, change.from(), change.to());
        }
    }

    private static boolean declaredBy(Column column, Table to) {
        return to.columns().stream().filter(c -> c.name().equals(column.name())).findFirst()
                .map(Column::local).orElse(column.local());
    }

    /**
     * Drops a column from a table, and from the inheritance children that only inherit it. When such a child
     * (or one of its own children) keeps the column in the new schema, the parent drops it with {@code ONLY},
     * which leaves it to each child as the child's own column; the children that do not keep it then drop it
     * themselves, in the same way.
     */
    private void drop(Table table, String column, Phase phase) {
        List<Table> inheriting = inheritingOnly(table.name(), column);
        boolean kept = inheriting.stream().anyMatch(child -> keepsBelow(child, column));
        ctx.markReshaped(table.name());
        ctx.addLocking(phase, "ALTER TABLE " + (kept ? "ONLY " : "") + qualified(table.name())
                + " DROP COLUMN " + quote(column), Hazard.DROPS_COLUMN);
        if (kept) {
            for (Table child : inheriting) {
                Table wanted = ctx.toTables.get(child.name());
                if (wanted != null && !ctx.isGone(child.name()) && wanted.columns().stream().noneMatch(c -> c.name().equals(column))) {
                    drop(child, column, phase);
                }
            }
        }
    }

    /**
     * A column the table declares and also inherits can be dropped only once its parents have dropped it:
     * such a drop goes after theirs.
     */
    private boolean inheritedFromParent(Table table, String column) {
        return table.inherits().stream().map(ctx.fromTables::get).filter(Objects::nonNull)
                .anyMatch(p -> p.columns().stream().anyMatch(c -> c.name().equals(column)));
    }

    /** The tables inheriting directly from {@code parent} (in the current schema) that only inherit the column. */
    private List<Table> inheritingOnly(QualifiedName parent, String column) {
        return ctx.from.tables().stream().filter(t -> t.inherits().contains(parent))
                .filter(t -> t.columns().stream().anyMatch(c -> c.name().equals(column) && !c.local())).toList();
    }

    /** Whether the table, or a table inheriting the column from it, still has the column in the new schema. */
    private boolean keepsBelow(Table table, String column) {
        Table wanted = ctx.toTables.get(table.name());
        if (wanted != null && !ctx.isGone(table.name()) && wanted.columns().stream().anyMatch(c -> c.name().equals(column))) {
            return true;
        }
        return inheritingOnly(table.name(), column).stream().anyMatch(child -> keepsBelow(child, column));
    }

    private void add(Phase phase, String table, Column column) {
        boolean rewrites = column.isIdentity() || (column.isGenerated() && column.generation().stored())
                || (column.defaultExpression() != null && VOLATILE_DEFAULT.matcher(column.defaultExpression()).find());
        if (rewrites) {
            ctx.addLocking(phase, table + " ADD COLUMN " + definition(column), Hazard.REWRITES_TABLE,
                    Hazard.LOCKS_TABLE);
        } else {
            ctx.addLocking(phase, table + " ADD COLUMN " + definition(column));
        }
    }

    private void alter(Table owner, String table, Column from, Column wanted) {
        String column = " ALTER COLUMN " + quote(wanted.name());
        if (!Objects.equals(from.generation(), wanted.generation())) {
            // No ALTER turns a column into a generated one or back (SET EXPRESSION is PostgreSQL 17+ only).
            ctx.markColumnRecreated(owner.name(), wanted.name());
            Hazard loses = from.isGenerated() ? Hazard.REWRITES_TABLE : Hazard.DROPS_COLUMN;
            ctx.addLocking(Phase.DROP_COLUMNS_AND_TABLES, table + " DROP COLUMN " + quote(from.name()), loses);
            add(Phase.ALTER_TABLES, table, wanted);
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
            TypeChange change = TypeChange.of(ctx, from.type(), wanted.type());
            String sql = table + column + " TYPE " + wanted.type()
                    + (wanted.collation() != null ? " COLLATE " + qualified(wanted.collation()) : "")
                    + change.usingClause(wanted.name());
            List<Hazard> hazards = new ArrayList<>();
            if (change.lossy()) {
                hazards.add(new Hazard(HazardKind.DELETES_DATA, "Converting " + qualified(owner.name()) + "."
                        + quote(wanted.name()) + " from " + from.type() + " to " + wanted.type()
                        + " can change or lose stored values: " + change.loss + ".",
                        change.rowCheck(owner.name(), wanted.name())));
            }
            if (rewritesOnTypeChange(from.type(), wanted.type())) {
                hazards.add(Hazard.REWRITES_TABLE);
            }
            hazards.add(Hazard.LOCKS_TABLE);
            ctx.addLocking(Phase.ALTER_TABLES, sql, hazards.toArray(Hazard[]::new));
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
