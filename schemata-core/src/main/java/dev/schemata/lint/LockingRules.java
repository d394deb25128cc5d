package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.Flag;
import dev.schemata.lint.StatementFacts.Verb;

import java.util.ArrayList;
import java.util.List;

/** Lock hygiene: lock_timeout before strong locks, and commands that lock a table for their whole run. */
final class LockingRules implements RuleGroup {
    static final Rule LOCK_TIMEOUT = new Rule("missing-lock-timeout", Severity.WARNING, Rule.Kind.LOCK_WAIT,
            "A statement that takes a SHARE or stronger lock on an existing table with no lock_timeout set before it.",
            "SHARE, SHARE ROW EXCLUSIVE or ACCESS EXCLUSIVE, depending on the statement.",
            """
            Even a statement that holds its lock for a millisecond first waits for it: behind a long report,
            a slow transaction or autovacuum. While it waits, every query that needs a conflicting lock queues
            behind it, and an ALTER TABLE stuck behind a five-minute query takes the application down for
            five minutes. A lock_timeout makes the migration fail fast instead, to be retried. Table size does
            not matter here, so small tables are not exempt. Reported once per file, at the first such
            statement; statements that create their table, or take only weaker locks (CREATE INDEX
            CONCURRENTLY, VALIDATE CONSTRAINT), do not count.
            """,
            "Set lock_timeout at the top of the migration (SET LOCAL lasts until the migration's transaction ends), "
                    + "or use Schemata's directive comment -- schemata:lock-timeout 5s, and retry the migration if it "
                    + "times out.",
            """
            SET lock_timeout = '5s';
            ALTER TABLE articles ADD COLUMN summary text;
            """);

    static final Rule VACUUM_FULL = new Rule("vacuum-full", Severity.ERROR, Rule.Kind.REWRITE,
            "VACUUM FULL.",
            "ACCESS EXCLUSIVE on each table for its whole rewrite: reads and writes wait.",
            """
            VACUUM FULL writes a new copy of the table and its indexes while every query on it waits, and
            needs room for both copies on disk.
            """,
            "Let autovacuum do its work (plain VACUUM takes no blocking lock); to give space back to the "
                    + "operating system, use an online tool such as pg_repack outside migrations.",
            """
            VACUUM (ANALYZE) articles;
            """);

    static final Rule CLUSTER = new Rule("cluster", Severity.ERROR, Rule.Kind.REWRITE,
            "CLUSTER.",
            "ACCESS EXCLUSIVE on each table for its whole rewrite: reads and writes wait.",
            """
            CLUSTER rewrites the table in index order and rebuilds its indexes while every query on it waits,
            and needs room for both copies on disk.
            """,
            "Order data with an index the queries use instead, or run an online tool such as pg_repack --order-by "
                    + "outside migrations.",
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_published_at_idx ON articles (published_at);
            """);

    static final Rule TRIGGER = new Rule("add-trigger", Severity.WARNING, Rule.Kind.LOCK_WAIT,
            "CREATE TRIGGER on an existing table.",
            "SHARE ROW EXCLUSIVE on the table, briefly: writes wait.",
            """
            From the moment the migration commits, every write of the running application fires the new
            trigger: its cost is added to each write, and an error in it fails writes that worked before.
            Creating it waits for a lock that blocks writes, with the queue behind it that implies.
            """,
            "Keep the trigger small and well tested, create it after a lock_timeout, and prefer doing the work in "
                    + "the application when the running version can be changed first.",
            """
            SET lock_timeout = '5s';
            CREATE OR REPLACE TRIGGER articles_touch_updated_at
                BEFORE UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
            """);

    static final List<Rule> RULES = List.of(LOCK_TIMEOUT, VACUUM_FULL, CLUSTER, TRIGGER);

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        StatementFacts f = ctx.facts();
        if (f.verb() == Verb.VACUUM && f.has(Flag.FULL)) {
            if (f.names().isEmpty()) {
                ctx.report(VACUUM_FULL, ctx.first(), null, "VACUUM FULL rewrites every table of the database while "
                        + "reads and writes of each wait");
            }
            for (RelationName name : f.names()) {
                TableInfo table = ctx.table(name);
                ctx.report(VACUUM_FULL, ctx.first(), table, "VACUUM FULL rewrites " + IndexRules.quoted(table)
                        + " while reads and writes wait");
            }
        } else if (f.verb() == Verb.CLUSTER) {
            TableInfo table = f.table() == null ? null : ctx.table(f.table());
            ctx.report(CLUSTER, ctx.first(), table, "CLUSTER rewrites " + (table == null ? "every clustered table"
                    : IndexRules.quoted(table)) + " while reads and writes wait");
        } else if (f.is(Verb.CREATE, "TRIGGER") && f.table() != null) {
            TableInfo table = ctx.table(f.table());
            ctx.report(TRIGGER, ctx.first(), table, "CREATE TRIGGER on " + IndexRules.quoted(table)
                    + " changes what every write of the running application does");
        }
        if (!ctx.file().hasLockTimeout() && !ctx.file().lockTimeoutReported()) {
            for (TableInfo target : strongLockTargets(ctx, f)) {
                if (!ctx.isExempt(LOCK_TIMEOUT, target)) {
                    if (ctx.report(LOCK_TIMEOUT, ctx.first(), target, "no lock_timeout is set before this statement "
                            + "locks " + IndexRules.quoted(target) + "; waiting for the lock blocks the queries "
                            + "queued behind it")) {
                        ctx.file().markLockTimeoutReported();
                    }
                    break;
                }
            }
        }
    }

    /** The existing relations {@code f} takes a SHARE or stronger lock on. */
    private static List<TableInfo> strongLockTargets(LintContext ctx, StatementFacts f) {
        List<TableInfo> targets = new ArrayList<>();
        switch (f.verb()) {
            case ALTER -> {
                if (f.object().equals("TABLE") && f.table() != null
                        && f.actions().stream().anyMatch(Action::blocksWrites)) {
                    targets.add(ctx.table(f.table()));
                    f.references().forEach(r -> targets.add(ctx.table(r)));
                }
            }
            case CREATE -> {
                if (f.object().equals("INDEX") && !f.has(Flag.CONCURRENTLY) && f.table() != null
                        || f.object().equals("TRIGGER") && f.table() != null) {
                    targets.add(ctx.table(f.table()));
                } else if (f.object().equals("TABLE")) {
                    f.references().forEach(r -> targets.add(ctx.table(r)));
                }
            }
            case DROP -> {
                switch (f.object()) {
                    case "TABLE", "VIEW", "MATERIALIZED VIEW" -> f.names().forEach(n -> targets.add(ctx.table(n)));
                    case "INDEX" -> {
                        if (!f.has(Flag.CONCURRENTLY)) {
                            f.names().forEach(n -> targets.add(ctx.tableOfIndex(n)));
                        }
                    }
                    case "TRIGGER", "POLICY", "RULE" -> {
                        if (f.table() != null) {
                            targets.add(ctx.table(f.table()));
                        }
                    }
                    default -> {
                    }
                }
            }
            case TRUNCATE -> f.names().forEach(n -> targets.add(ctx.table(n)));
            case REINDEX -> {
                if (!f.has(Flag.CONCURRENTLY) && f.table() != null) {
                    targets.add(ctx.table(f.table()));
                } else if (!f.has(Flag.CONCURRENTLY) && f.object().equals("INDEX") && !f.names().isEmpty()) {
                    targets.add(ctx.tableOfIndex(f.names().get(0)));
                }
            }
            case VACUUM -> {
                if (f.has(Flag.FULL)) {
                    f.names().forEach(n -> targets.add(ctx.table(n)));
                }
            }
            case CLUSTER -> {
                if (f.table() != null) {
                    targets.add(ctx.table(f.table()));
                }
            }
            case LOCK -> {
                if (f.has(Flag.STRONG_LOCK)) {
                    f.names().forEach(n -> targets.add(ctx.table(n)));
                }
            }
            default -> {
            }
        }
        return targets;
    }
}
