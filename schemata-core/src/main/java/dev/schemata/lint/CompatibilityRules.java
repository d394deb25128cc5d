package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.Verb;

import java.util.ArrayList;
import java.util.List;

/** Statements that lose data or break the version of the application that runs while they are applied. */
final class CompatibilityRules implements RuleGroup {
    static final Rule DROP_COLUMN = new Rule("drop-column", Severity.WARNING, Rule.Kind.DATA_LOSS,
            "ALTER TABLE ... DROP COLUMN on an existing table.",
            "ACCESS EXCLUSIVE on the table, briefly.",
            """
            The column's data is gone, and the application version still running while the migration is
            applied fails on every query that names the column (an ORM that lists all columns names every
            one). Rolling the application back does not bring the column back.
            """,
            "Stop reading and writing the column in a release first; drop it in a later migration, once no running "
                    + "version uses it. Suppress the finding on that later statement.",
            """
            -- release N: the application no longer uses articles.legacy_rank
            -- release N+1:
            ALTER TABLE articles DROP COLUMN legacy_rank; -- schemata:lint-ignore drop-column
            """);

    static final Rule DROP_TABLE = new Rule("drop-table", Severity.WARNING, Rule.Kind.DATA_LOSS,
            "DROP TABLE of an existing table.",
            "ACCESS EXCLUSIVE on the table, briefly.",
            """
            The table's data is gone, and the application version still running fails on every query of it.
            """,
            "Stop using the table in a release first (renaming it aside for a while shows who still uses it), "
                    + "then drop it in a later migration and suppress the finding there.",
            """
            DROP TABLE IF EXISTS legacy_sessions; -- schemata:lint-ignore drop-table
            """);

    static final Rule DROP_SCHEMA = new Rule("drop-schema", Severity.WARNING, Rule.Kind.DATA_LOSS,
            "DROP SCHEMA of an existing schema.",
            "ACCESS EXCLUSIVE on every table dropped with it.",
            """
            Everything in the schema is gone (with CASCADE, without a list of what), and the running
            application fails on anything in it.
            """,
            "Drop the schema's objects one by one in migrations that say what they drop, then the empty schema "
                    + "without CASCADE.",
            """
            DROP TABLE IF EXISTS reporting.daily_totals; -- schemata:lint-ignore drop-table
            DROP SCHEMA IF EXISTS reporting; -- schemata:lint-ignore drop-schema
            """);

    static final Rule TRUNCATE = new Rule("truncate", Severity.WARNING, Rule.Kind.DATA_LOSS,
            "TRUNCATE of an existing table.",
            "ACCESS EXCLUSIVE on the table (and, with CASCADE, on the tables that reference it).",
            """
            Every row is gone, and with CASCADE the rows of every referencing table too. A migration runs
            against every environment, production included.
            """,
            "Delete data with an explicit DELETE ... WHERE that says which rows, or move one-off cleanups out of "
                    + "migrations.",
            """
            DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
            """);

    static final Rule RENAME_COLUMN = new Rule("rename-column", Severity.WARNING, Rule.Kind.COMPATIBILITY,
            "ALTER TABLE ... RENAME COLUMN on an existing table.",
            "ACCESS EXCLUSIVE on the table, briefly.",
            """
            The running application still uses the old name and fails from the moment the migration commits
            until the new release is out everywhere.
            """,
            "Add the new column, write both from the application, backfill, switch reads, then drop the old "
                    + "column in a later release. Or keep the old name visible for a while through a view.",
            """
            ALTER TABLE articles ADD COLUMN headline text;
            UPDATE articles SET headline = title WHERE headline IS NULL; -- in batches on large tables
            -- later release: ALTER TABLE articles DROP COLUMN title;
            """);

    static final Rule RENAME_TABLE = new Rule("rename-table", Severity.WARNING, Rule.Kind.COMPATIBILITY,
            "ALTER TABLE ... RENAME TO on an existing table.",
            "ACCESS EXCLUSIVE on the table, briefly.",
            """
            The running application still uses the old name and fails from the moment the migration commits
            until the new release is out everywhere.
            """,
            "Rename the table and create a view with the old name (a simple view is updatable), then drop the "
                    + "view once no running version uses the old name.",
            """
            ALTER TABLE posts RENAME TO articles;
            CREATE VIEW posts AS SELECT * FROM articles;
            """);

    static final Rule ENUM_ORDER = new Rule("enum-value-order", Severity.WARNING, Rule.Kind.COMPATIBILITY,
            "An enum type created again with its existing values in a different order.",
            "",
            """
            Enum values sort in the order they were declared, and comparisons, ORDER BY and indexes on enum
            columns follow that order. Recreating an enum (rename or drop it, create it again, convert the
            columns) with its values in a new order silently changes what those queries return. The lint
            compares with the type's values in the database or earlier in the run.
            """,
            "Keep the existing values in their order and add new ones with ALTER TYPE ... ADD VALUE (BEFORE or "
                    + "AFTER places them); if the order must change, order by an explicit expression instead.",
            """
            ALTER TYPE article_status ADD VALUE IF NOT EXISTS 'archived' AFTER 'published';
            """);

    static final Rule DROP_DATABASE = new Rule("drop-database", Severity.ERROR, Rule.Kind.BANNED,
            "DROP DATABASE in a migration.",
            "",
            """
            A migration runs against every environment it is pointed at, production included; nothing in one
            should be able to drop a whole database.
            """,
            "Drop databases by hand, or in provisioning scripts, never in migrations.",
            """
            -- no migration equivalent: run it by hand after checking the target
            """);

    static final List<Rule> RULES = List.of(DROP_COLUMN, DROP_TABLE, DROP_SCHEMA, TRUNCATE, RENAME_COLUMN,
            RENAME_TABLE, ENUM_ORDER, DROP_DATABASE);

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        StatementFacts f = ctx.facts();
        switch (f.verb()) {
            case DROP -> drop(ctx, f);
            case TRUNCATE -> {
                for (RelationName name : f.names()) {
                    TableInfo table = ctx.table(name);
                    ctx.report(TRUNCATE, ctx.first(), table, "TRUNCATE removes every row of " + IndexRules.quoted(table)
                            + (hasCascade(f) ? " and of every table that references it" : ""));
                }
            }
            case ALTER -> {
                if (f.object().equals("TABLE") && f.table() != null) {
                    alterTable(ctx, f);
                }
            }
            case CREATE -> {
                if (f.object().equals("TYPE") && !f.items().isEmpty() && !f.names().isEmpty()) {
                    enumOrder(ctx, f);
                }
            }
            default -> {
            }
        }
    }

    private static void drop(LintContext ctx, StatementFacts f) {
        switch (f.object()) {
            case "TABLE" -> {
                for (RelationName name : f.names()) {
                    TableInfo table = ctx.table(name);
                    ctx.report(DROP_TABLE, ctx.first(), table, "DROP TABLE removes " + IndexRules.quoted(table)
                            + " and its data while the running application may still use it");
                }
            }
            case "SCHEMA" -> {
                for (RelationName name : f.names()) {
                    if (!ctx.run().isSchemaCreated(name.name())) {
                        ctx.report(DROP_SCHEMA, ctx.first(), null, "DROP SCHEMA removes schema `" + name
                                + "` and everything in it" + (hasCascade(f) ? " (CASCADE)" : ""));
                    }
                }
            }
            case "DATABASE" -> ctx.report(DROP_DATABASE, ctx.first(), null, "DROP DATABASE "
                    + (f.names().isEmpty() ? "" : "`" + f.names().get(0) + "` ") + "does not belong in a migration");
            default -> {
            }
        }
    }

    private static void alterTable(LintContext ctx, StatementFacts f) {
        TableInfo table = ctx.table(f.table());
        String t = IndexRules.quoted(table);
        for (Action action : f.actions()) {
            if (action.kind() == ActionKind.DROP_COLUMN && action.column() != null) {
                ctx.report(DROP_COLUMN, action.at(), table, "DROP COLUMN " + action.column() + " removes its data from "
                        + t + ", and the running application fails on queries that name it");
            } else if (action.kind() == ActionKind.RENAME_COLUMN && action.column() != null) {
                ctx.report(RENAME_COLUMN, action.at(), table, "renaming `" + table.name() + "." + action.column() + "` to "
                        + action.newName() + " breaks the running application, which still uses the old name");
            } else if (action.kind() == ActionKind.RENAME_TABLE && action.newName() != null) {
                ctx.report(RENAME_TABLE, action.at(), table, "renaming " + t + " to " + action.newName()
                        + " breaks the running application, which still uses the old name");
            }
        }
    }

    private static void enumOrder(LintContext ctx, StatementFacts f) {
        RelationName type = f.names().get(0);
        List<String> before = ctx.run().formerEnum(type);
        if (before == null) {
            return;
        }
        List<String> now = f.items();
        List<String> oldOrder = new ArrayList<>();
        for (String label : before) {
            if (now.contains(label)) {
                oldOrder.add(label);
            }
        }
        List<String> newOrder = new ArrayList<>();
        for (String label : now) {
            if (before.contains(label)) {
                newOrder.add(label);
            }
        }
        if (!oldOrder.equals(newOrder)) {
            ctx.report(ENUM_ORDER, ctx.first(), null, "enum " + type + " is created again with its values in a new "
                    + "order (" + String.join(", ", newOrder) + "; before: " + String.join(", ", oldOrder)
                    + "): comparisons and ORDER BY on its columns change");
        }
    }

    private static boolean hasCascade(StatementFacts f) {
        return f.statement().codeTokens().stream().anyMatch(t -> t.isKeyword("CASCADE"));
    }
}
