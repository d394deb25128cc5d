package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.View;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Views and materialized views. PostgreSQL binds a view to the columns it reads, so a view is dropped and
 * created again (never altered) when its definition changes, when a table it reads is dropped, recreated or
 * loses or retypes a column, or when a view it reads is recreated; views are dropped dependents first and
 * created dependencies first.
 */
final class ViewSteps {
    private final DiffContext ctx;

    ViewSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<View> matched = Matcher.match(ctx.from.views(), ctx.to.views(), View::name);
        Set<QualifiedName> recreate = new HashSet<>();
        for (Matcher.Changed<View> change : matched.alters()) {
            if (!shape(change.from()).equals(shape(change.to()))) {
                recreate.add(change.to().name());
            }
        }
        Set<QualifiedName> dropped = new HashSet<>();
        matched.drops().forEach(v -> dropped.add(v.name()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : ctx.from.views()) {
                if (dropped.contains(view.name()) || recreate.contains(view.name())) {
                    continue;
                }
                for (QualifiedName dependency : view.dependsOn()) {
                    boolean affected = dropped.contains(dependency) || recreate.contains(dependency)
                            || (!ctx.fromViews.containsKey(dependency)
                            && (ctx.isGone(dependency) || ctx.isReshaped(dependency)));
                    if (affected) {
                        recreate.add(view.name());
                        grew = true;
                        break;
                    }
                }
            }
        }
        recreate.forEach(name -> ctx.markRecreated(DiffContext.key("view", name)));

        List<View> drops = new ArrayList<>(matched.drops());
        ctx.from.views().stream().filter(v -> recreate.contains(v.name())).forEach(drops::add);
        List<View> dropOrder = new ArrayList<>(Matcher.dependenciesFirst(drops, View::name, View::dependsOn));
        Collections.reverse(dropOrder);
        for (View view : dropOrder) {
            ctx.add(Phase.DROP_VIEWS, "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(view.name()));
        }

        List<View> creates = new ArrayList<>(matched.adds());
        ctx.to.views().stream().filter(v -> recreate.contains(v.name())).forEach(creates::add);
        creates.sort((a, b) -> a.name().compareTo(b.name()));
        for (View view : Matcher.dependenciesFirst(creates, View::name, View::dependsOn)) {
            create(view);
        }
    }

    /** What requires recreating the view when it differs: all but comments and privileges. */
    private static List<Object> shape(View v) {
        List<Object> columns = v.columns().stream()
                .map(c -> (Object) List.of(c.name(), c.type(), String.valueOf(c.defaultExpression()))).toList();
        return List.of(v.materialized(), v.definition(), columns, v.options(), v.dependsOn());
    }

    private void create(View view) {
        String columns = String.join(", ", view.columns().stream().map(c -> quote(c.name())).toList());
        String query = view.definition().strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).stripTrailing();
        }
        StringBuilder sql = new StringBuilder("CREATE ").append(view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                .append(qualified(view.name())).append(" (").append(columns).append(')');
        if (!view.options().isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", view.options())).append(')');
        }
        sql.append(" AS\n").append(query);
        if (view.materialized()) {
            sql.append("\nWITH DATA");
        }
        ctx.add(Phase.CREATE_VIEWS, sql.toString());
        for (Column column : view.columns()) {
            if (column.defaultExpression() != null) {
                ctx.add(Phase.CREATE_VIEWS, "ALTER VIEW " + qualified(view.name()) + " ALTER COLUMN " + quote(column.name())
                        + " SET DEFAULT " + column.defaultExpression());
            }
        }
    }
}
