package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.ForeignTable;

import java.util.ArrayList;
import java.util.List;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Foreign tables. They hold no data of their own, so a changed one is simply dropped and created again
 * (with the views that read it, see {@link ViewSteps}); that is also what happens when its server is.
 */
final class ForeignTableSteps {
    private final DiffContext ctx;

    ForeignTableSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<ForeignTable> matched = Matcher.match(ctx.from.foreignTables(), ctx.to.foreignTables(),
                ForeignTable::name);
        for (ForeignTable t : matched.adds()) {
            ctx.add(Phase.CREATE_FOREIGN_TABLES, create(t));
        }
        for (ForeignTable t : matched.unchanged()) {
            if (ctx.isRecreated(ForeignDataSteps.serverKey(t.server()))) {
                recreate(t, t);
            }
        }
        for (Matcher.Changed<ForeignTable> change : matched.alters()) {
            ForeignTable a = change.from();
            ForeignTable b = change.to();
            if (!definitionOnly(a).equals(definitionOnly(b)) || ctx.isRecreated(ForeignDataSteps.serverKey(b.server()))) {
                recreate(a, b);
            }
        }
        for (ForeignTable t : matched.drops()) {
            ctx.add(Phase.DROP_FOREIGN_TABLES, "DROP FOREIGN TABLE " + qualified(t.name()), Hazard.UNTRACKED_CALLERS);
        }
    }

    /** The table without its comments and privileges (which CommentSteps and PrivilegeSteps handle). */
    private static ForeignTable definitionOnly(ForeignTable t) {
        List<Column> columns = t.columns().stream().map(c -> new Column(c.name(), c.type(), c.collation(),
                c.defaultExpression(), c.notNull(), c.identity(), c.generation(), null, List.of(), c.local())).toList();
        return new ForeignTable(t.name(), columns, t.server(), t.options(), t.columnOptions(), t.checks(), null, List.of());
    }

    private void recreate(ForeignTable a, ForeignTable b) {
        ctx.markRecreated(DiffContext.key("table", b.name()));
        ctx.add(Phase.DROP_FOREIGN_TABLES, "DROP FOREIGN TABLE " + qualified(a.name()), Hazard.UNTRACKED_CALLERS);
        ctx.add(Phase.CREATE_FOREIGN_TABLES, create(b));
    }

    private static String create(ForeignTable t) {
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns()) {
            // Column options come right after the type: name type OPTIONS (…) COLLATE … NOT NULL …
            String definition = ColumnSteps.definition(c);
            int afterType = quote(c.name()).length() + 1 + c.type().length();
            String prefix = quote(c.name()) + " OPTIONS (";
            String options = t.columnOptions().stream().filter(o -> o.startsWith(prefix)).findFirst()
                    .map(o -> o.substring(quote(c.name()).length())).orElse("");
            parts.add(definition.substring(0, afterType) + options + definition.substring(afterType));
        }
        parts.addAll(t.checks());
        return "CREATE FOREIGN TABLE " + qualified(t.name()) + " (\n    " + String.join(",\n    ", parts) + "\n) SERVER "
                + quote(t.server()) + Options.clause(t.options());
    }
}
