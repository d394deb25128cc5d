package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.Flag;

import java.util.List;
import java.util.Set;

/** Files that run more than once ({@code init.sql}, repeatable migrations) need statements that can. */
final class InitSqlRules implements RuleGroup {
    static final Rule NOT_RERUNNABLE = new Rule("init-not-rerunnable", Severity.WARNING, Rule.Kind.RERUN,
            "A statement in init.sql or a repeatable migration that fails or duplicates data when the file runs again.",
            "",
            """
            init.sql and repeatable migrations (Flyway's R__ files) run again: on every start, or whenever
            they change. CREATE TABLE without IF NOT EXISTS, DROP without IF EXISTS, ADD COLUMN without IF NOT
            EXISTS, CREATE FUNCTION or VIEW without OR REPLACE, CREATE TYPE, renames, and INSERT without ON
            CONFLICT fail or duplicate rows the second time.
            """,
            "Write each statement so that running it twice is the same as running it once: IF NOT EXISTS, IF "
                    + "EXISTS, OR REPLACE, INSERT ... ON CONFLICT DO NOTHING, and a DO block that checks the catalog "
                    + "for what has no such clause.",
            """
            CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
            INSERT INTO settings (key, value) VALUES ('theme', 'light') ON CONFLICT (key) DO NOTHING;
            DO $$
            BEGIN
                CREATE TYPE mood AS ENUM ('happy', 'sad');
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$;
            """);

    static final List<Rule> RULES = List.of(NOT_RERUNNABLE);

    private static final Set<String> IF_NOT_EXISTS = Set.of("TABLE", "INDEX", "SCHEMA", "SEQUENCE", "EXTENSION",
            "MATERIALIZED VIEW", "FOREIGN TABLE", "SERVER", "STATISTICS", "COLLATION");
    private static final Set<String> OR_REPLACE = Set.of("VIEW", "FUNCTION", "PROCEDURE", "TRIGGER", "RULE",
            "AGGREGATE", "LANGUAGE", "TRANSFORM");
    private static final Set<String> ONCE_ONLY = Set.of("TYPE", "DOMAIN", "ROLE", "USER", "GROUP", "POLICY",
            "PUBLICATION", "SUBSCRIPTION", "DATABASE", "TABLESPACE", "CAST", "OPERATOR", "CONVERSION",
            "EVENT TRIGGER");

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        if (!ctx.source().source().rerunnable()) {
            return;
        }
        String problem = problem(ctx.facts());
        if (problem != null) {
            ctx.report(NOT_RERUNNABLE, ctx.first(), null, problem + " when " + fileKind(ctx) + " runs again");
        }
    }

    private static String fileKind(LintContext ctx) {
        String name = ctx.source().source().name();
        return name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
    }

    /** What the statement does on a second run ("CREATE TABLE without IF NOT EXISTS fails"), or null. */
    private static String problem(StatementFacts f) {
        String what = f.verb().name() + (f.object().isEmpty() ? "" : " " + f.object());
        switch (f.verb()) {
            case CREATE -> {
                if (f.has(Flag.TEMPORARY)) {
                    return null;
                }
                if (IF_NOT_EXISTS.contains(f.object()) && !f.has(Flag.IF_NOT_EXISTS)) {
                    return what + " without IF NOT EXISTS fails";
                }
                if (OR_REPLACE.contains(f.object()) && !f.has(Flag.OR_REPLACE)) {
                    return what + " without OR REPLACE fails";
                }
                if (ONCE_ONLY.contains(f.object())) {
                    return what + " fails (it has no IF NOT EXISTS; guard it in a DO block)";
                }
                return null;
            }
            case DROP -> {
                return f.has(Flag.IF_EXISTS) ? null : what + " without IF EXISTS fails";
            }
            case ALTER -> {
                for (Action action : f.actions()) {
                    switch (action.kind()) {
                        case ADD_COLUMN -> {
                            if (!action.conditional()) {
                                return "ADD COLUMN " + action.column() + " without IF NOT EXISTS fails";
                            }
                        }
                        case DROP_COLUMN, DROP_CONSTRAINT -> {
                            if (!action.conditional()) {
                                return "DROP " + (action.kind() == StatementFacts.ActionKind.DROP_COLUMN
                                        ? "COLUMN " : "CONSTRAINT ") + action.column() + " without IF EXISTS fails";
                            }
                        }
                        case ADD_VALUE_END, ADD_VALUE_BEFORE, ADD_VALUE_AFTER -> {
                            if (!action.conditional()) {
                                return "ADD VALUE without IF NOT EXISTS";
                            }
                        }
                        case ADD_CONSTRAINT -> {
                            return "ADD CONSTRAINT fails (it has no IF NOT EXISTS; guard it in a DO block)";
                        }
                        case RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT -> {
                            return "RENAME fails";
                        }
                        default -> {
                        }
                    }
                }
                return null;
            }
            case INSERT -> {
                return f.has(Flag.ON_CONFLICT) ? null : "INSERT without ON CONFLICT adds its rows again (or fails)";
            }
            default -> {
                return null;
            }
        }
    }
}
