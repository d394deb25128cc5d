package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.Column;
import dev.schemata.lint.StatementFacts.Constraint;
import dev.schemata.lint.StatementFacts.Verb;
import dev.schemata.sql.Token;

import java.util.List;

/** Constraints added to existing tables. */
final class ConstraintRules implements RuleGroup {
    static final Rule FOREIGN_KEY = new Rule("add-foreign-key-not-valid", Severity.ERROR, Rule.Kind.LOCK,
            "A foreign key added to an existing table without NOT VALID.",
            "SHARE ROW EXCLUSIVE on both tables while every row is checked: writes to either table wait.",
            """
            Adding a foreign key checks every existing row against the referenced table, and writes to both
            tables wait until the check is done. Added together with a new column (ADD COLUMN ...
            REFERENCES), the check runs under the column's ACCESS EXCLUSIVE lock, so reads wait too.
            """,
            "Add the constraint NOT VALID (new rows are checked from then on), then VALIDATE CONSTRAINT, which "
                    + "checks the old rows under SHARE UPDATE EXCLUSIVE: reads and writes go on. Validate in a "
                    + "later migration, or at least after a lock_timeout.",
            """
            ALTER TABLE articles ADD CONSTRAINT articles_author_id_fkey
                FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;
            ALTER TABLE articles VALIDATE CONSTRAINT articles_author_id_fkey;
            """);

    static final Rule CHECK = new Rule("add-check-not-valid", Severity.ERROR, Rule.Kind.LOCK,
            "A CHECK constraint added to an existing table without NOT VALID.",
            "ACCESS EXCLUSIVE on the table while every row is checked: reads and writes wait.",
            """
            Adding a CHECK constraint checks every existing row while the table is locked against reads and
            writes. An inline CHECK in ADD COLUMN does the same and cannot be NOT VALID.
            """,
            "Add the constraint NOT VALID, then VALIDATE CONSTRAINT, which checks the old rows under SHARE UPDATE "
                    + "EXCLUSIVE: reads and writes go on.",
            """
            ALTER TABLE articles ADD CONSTRAINT articles_score_range CHECK (score BETWEEN 0 AND 100) NOT VALID;
            ALTER TABLE articles VALIDATE CONSTRAINT articles_score_range;
            """);

    static final Rule UNIQUE = new Rule("add-unique-without-index", Severity.ERROR, Rule.Kind.LOCK,
            "A UNIQUE constraint added to an existing table without USING INDEX.",
            "ACCESS EXCLUSIVE on the table while the unique index is built: reads and writes wait.",
            """
            ADD UNIQUE builds its index inside the ALTER TABLE, while the table is locked against reads and
            writes, for as long as the build takes.
            """,
            "Build a unique index CONCURRENTLY first, then add the constraint USING INDEX, which only takes the "
                    + "lock for a moment.",
            """
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS articles_slug_key ON articles (slug);
            ALTER TABLE articles ADD CONSTRAINT articles_slug_key UNIQUE USING INDEX articles_slug_key;
            """);

    static final Rule PRIMARY_KEY = new Rule("add-primary-key-without-index", Severity.ERROR, Rule.Kind.LOCK,
            "A PRIMARY KEY added to an existing table without USING INDEX.",
            "ACCESS EXCLUSIVE on the table while the index is built (and the columns are checked for NULLs): "
                    + "reads and writes wait.",
            """
            ADD PRIMARY KEY builds its unique index inside the ALTER TABLE and, for columns not yet NOT NULL,
            scans the table for NULLs, all while the table is locked against reads and writes.
            """,
            "Make the columns NOT NULL without a scan (see set-not-null), build a unique index CONCURRENTLY, then "
                    + "add the primary key USING INDEX.",
            """
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_pkey ON events (id);
            ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;
            """);

    static final Rule EXCLUSION = new Rule("add-exclusion-constraint", Severity.ERROR, Rule.Kind.LOCK,
            "An exclusion constraint added to an existing table.",
            "ACCESS EXCLUSIVE on the table while the index is built and every row is checked: reads and writes "
                    + "wait.",
            """
            An exclusion constraint builds its index and checks every row inside the ALTER TABLE. Unlike
            UNIQUE, it cannot be added USING INDEX or NOT VALID, so there is no way to build it without locking
            the table.
            """,
            "Add it while the table is new or small, or enforce the rule in the application or a trigger until a "
                    + "maintenance window; on a partitioned table, add it to each new partition as it is created.",
            """
            CREATE TABLE bookings_2026 PARTITION OF bookings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            ALTER TABLE bookings_2026 ADD CONSTRAINT bookings_2026_no_overlap
                EXCLUDE USING gist (room_id WITH =, during WITH &&);
            """);

    static final List<Rule> RULES = List.of(FOREIGN_KEY, CHECK, UNIQUE, PRIMARY_KEY, EXCLUSION);

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        StatementFacts f = ctx.facts();
        if (!f.is(Verb.ALTER, "TABLE") || f.table() == null) {
            return;
        }
        TableInfo table = ctx.table(f.table());
        String t = IndexRules.quoted(table);
        for (Action action : f.actions()) {
            if (action.kind() == ActionKind.ADD_CONSTRAINT && action.constraint() != null) {
                constraint(ctx, action.at(), action.constraint(), table, t);
            } else if (action.kind() == ActionKind.ADD_COLUMN && action.definition() != null) {
                column(ctx, action.at(), action.definition(), table, t);
            }
        }
    }

    private static void constraint(LintContext ctx, Token at, Constraint c, TableInfo table, String t) {
        String name = c.name() == null ? "" : " " + c.name();
        switch (c.kind()) {
            case FOREIGN_KEY -> {
                if (!c.notValid()) {
                    ctx.report(FOREIGN_KEY, at, table, "foreign key" + name + " without NOT VALID checks every row of "
                            + t + " while writes to it and to " + (c.references() == null ? "the referenced table"
                            : "`" + c.references() + "`") + " wait");
                }
            }
            case CHECK -> {
                if (!c.notValid()) {
                    ctx.report(CHECK, at, table, "CHECK constraint" + name + " without NOT VALID checks every row of "
                            + t + " while reads and writes wait");
                }
            }
            case UNIQUE -> {
                if (!c.usingIndex()) {
                    ctx.report(UNIQUE, at, table, "UNIQUE constraint" + name + " builds its index on " + t
                            + " while reads and writes wait");
                }
            }
            case PRIMARY_KEY -> {
                if (!c.usingIndex()) {
                    ctx.report(PRIMARY_KEY, at, table, "PRIMARY KEY" + name + " builds its index on " + t
                            + " while reads and writes wait");
                }
            }
            case EXCLUDE -> ctx.report(EXCLUSION, at, table, "exclusion constraint" + name + " builds its index on "
                    + t + " and checks every row while reads and writes wait");
            default -> {
            }
        }
    }

    private static void column(LintContext ctx, Token at, Column c, TableInfo table, String t) {
        if (c.references() != null) {
            ctx.report(FOREIGN_KEY, at, table, "ADD COLUMN " + c.name() + " REFERENCES " + c.references()
                    + " checks the new foreign key against every row of " + t + " while reads and writes wait");
        }
        if (c.check()) {
            ctx.report(CHECK, at, table, "ADD COLUMN " + c.name() + " with a CHECK checks every row of " + t
                    + " while reads and writes wait");
        }
        if (c.primaryKey()) {
            ctx.report(PRIMARY_KEY, at, table, "ADD COLUMN " + c.name() + " PRIMARY KEY builds its index on " + t
                    + " while reads and writes wait");
        } else if (c.unique()) {
            ctx.report(UNIQUE, at, table, "ADD COLUMN " + c.name() + " UNIQUE builds its index on " + t
                    + " while reads and writes wait");
        }
    }
}
