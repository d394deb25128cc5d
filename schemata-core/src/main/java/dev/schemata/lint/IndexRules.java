package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Flag;
import dev.schemata.lint.StatementFacts.Verb;
import dev.schemata.sql.TransactionRules;

import java.util.List;
import java.util.Optional;

/** Building, dropping and rebuilding indexes. */
final class IndexRules implements RuleGroup {
    static final Rule NOT_CONCURRENT = new Rule("index-not-concurrent", Severity.ERROR, Rule.Kind.LOCK,
            "CREATE INDEX without CONCURRENTLY on an existing table.",
            "SHARE on the table: INSERT, UPDATE and DELETE wait until the index is built; reads go on.",
            """
            A plain CREATE INDEX reads and sorts the whole table while it holds a SHARE lock. Every write to the
            table waits until the build is done: minutes on a table of a few gigabytes, during which the
            application cannot save anything to it.
            """,
            "Build the index with CREATE INDEX CONCURRENTLY. It cannot run inside a transaction block (Schemata "
                    + "runs such a migration outside one by itself); if it fails, it leaves an INVALID index to drop "
                    + "before trying again.",
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_published_at_idx
                ON articles (published_at);
            """);

    static final Rule DROP_NOT_CONCURRENT = new Rule("drop-index-not-concurrent", Severity.WARNING,
            Rule.Kind.LOCK_WAIT,
            "DROP INDEX without CONCURRENTLY.",
            "ACCESS EXCLUSIVE on the index's table: every query of the table waits, reads included.",
            """
            Dropping an index is quick, but DROP INDEX needs an ACCESS EXCLUSIVE lock on the table. It waits
            for every running query on the table to finish, and while it waits every new query on the table,
            reads included, queues behind it.
            """,
            "Use DROP INDEX CONCURRENTLY, which waits for running queries without blocking new ones. It drops one "
                    + "index per statement and cannot run inside a transaction block.",
            """
            DROP INDEX CONCURRENTLY IF EXISTS articles_title_idx;
            """);

    static final Rule REINDEX = new Rule("reindex-not-concurrent", Severity.ERROR, Rule.Kind.LOCK,
            "REINDEX without CONCURRENTLY.",
            "SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each index rebuilt (queries that would use it "
                    + "wait).",
            """
            REINDEX rebuilds indexes from scratch. For as long as that takes, writes to the table wait, and so
            does every query that wants to use the index being rebuilt.
            """,
            "Use REINDEX ... CONCURRENTLY (PostgreSQL 12 and later), outside a transaction block.",
            """
            REINDEX INDEX CONCURRENTLY articles_title_idx;
            """);

    static final Rule IN_TRANSACTION = new Rule("concurrently-in-transaction", Severity.ERROR,
            Rule.Kind.TRANSACTION,
            "A CONCURRENTLY statement between BEGIN and COMMIT written in the file.",
            "",
            """
            CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION
            CONCURRENTLY refuse to run inside a transaction block: psql and most migration tools fail with
            "cannot run inside a transaction block". Schemata runs a file holding such a statement outside a
            transaction and leaves out the BEGIN and COMMIT, so the statements around it lose the atomicity
            the file asks for.
            """,
            "Put the concurrent statement in a migration of its own, without BEGIN and COMMIT.",
            """
            -- 0042_articles_title_index.sql holds only this statement
            CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_title_idx ON articles (title);
            """);

    static final Rule PARTITIONED = new Rule("index-on-partitioned-table", Severity.WARNING, Rule.Kind.LOCK,
            "CREATE INDEX on a partitioned table.",
            "SHARE on the partitioned table and on every partition until the last partition is indexed.",
            """
            An index on a partitioned table is built on every partition by one statement, which keeps writes
            to all of them waiting until the last partition is done. CONCURRENTLY is refused on a partitioned
            table. The lint knows a table is partitioned when the database says so or the run creates it with
            PARTITION BY.
            """,
            "Create the index on the parent only (ON ONLY; it starts out invalid), build each partition's index "
                    + "concurrently, and attach them: the parent's index becomes valid once every partition has one.",
            """
            CREATE INDEX IF NOT EXISTS events_created_at_idx ON ONLY events (created_at);

            -- then, in a migration of its own for each partition:
            CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2025_created_at_idx ON events_2025 (created_at);
            ALTER INDEX events_created_at_idx ATTACH PARTITION events_2025_created_at_idx;
            """);

    static final List<Rule> RULES = List.of(NOT_CONCURRENT, DROP_NOT_CONCURRENT, REINDEX, IN_TRANSACTION, PARTITIONED);

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        StatementFacts f = ctx.facts();
        if (f.is(Verb.CREATE, "INDEX") && f.table() != null) {
            createIndex(ctx, f);
        } else if (f.is(Verb.DROP, "INDEX") && !f.has(Flag.CONCURRENTLY)) {
            for (RelationName index : f.names()) {
                TableInfo table = ctx.tableOfIndex(index);
                ctx.report(DROP_NOT_CONCURRENT, ctx.first(), table, "DROP INDEX " + index
                        + " without CONCURRENTLY waits for every query on " + quoted(table)
                        + " and blocks the queries that arrive meanwhile");
            }
        } else if (f.verb() == Verb.REINDEX && !f.has(Flag.CONCURRENTLY)) {
            TableInfo table = null;
            if (f.object().equals("TABLE") && f.table() != null) {
                table = ctx.table(f.table());
            } else if (f.object().equals("INDEX") && !f.names().isEmpty()) {
                table = ctx.tableOfIndex(f.names().get(0));
            }
            ctx.report(REINDEX, ctx.first(), table, "REINDEX without CONCURRENTLY blocks writes to "
                    + (table == null ? "every table it rebuilds" : quoted(table)) + " until the rebuild is done");
        }
        if (ctx.file().inTransactionBlock()) {
            Optional<String> command = TransactionRules.outsideTransactionCommand(f.statement(), Integer.MAX_VALUE);
            if (command.isPresent() && command.get().contains("CONCURRENTLY")) {
                ctx.report(IN_TRANSACTION, ctx.first(), null, command.get() + " inside the transaction block opened at line "
                        + (ctx.file().transactionLine() + ctx.source().source().lineOffset())
                        + ": PostgreSQL refuses to run it in a transaction block");
            }
        }
    }

    private static void createIndex(LintContext ctx, StatementFacts f) {
        TableInfo table = ctx.table(f.table());
        if (ctx.isPartitioned(f.table())) {
            if (!f.has(Flag.ONLY)) {
                ctx.report(PARTITIONED, ctx.first(), table, "CREATE INDEX on partitioned table " + quoted(table)
                        + " builds it on every partition while blocking writes to all of them"
                        + (f.has(Flag.CONCURRENTLY) ? ", and CONCURRENTLY is refused on a partitioned table" : ""));
            }
        } else if (!f.has(Flag.CONCURRENTLY)) {
            ctx.report(NOT_CONCURRENT, ctx.first(), table, "CREATE INDEX without CONCURRENTLY blocks writes to "
                    + quoted(table) + " until the index is built");
        }
    }

    /** A table's name for a message, in back-quotes (unless it is a phrase such as "the table of index x"). */
    static String quoted(TableInfo table) {
        return table.name().startsWith("the table of") ? table.name() : "`" + table.name() + "`";
    }
}
