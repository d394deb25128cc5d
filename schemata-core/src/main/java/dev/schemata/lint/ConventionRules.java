package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.ActionKind;
import dev.schemata.lint.StatementFacts.Column;
import dev.schemata.lint.StatementFacts.Constraint;
import dev.schemata.lint.StatementFacts.ConstraintKind;
import dev.schemata.lint.StatementFacts.Verb;
import dev.schemata.sql.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Column types and keys that cause trouble later. Reported for new tables too: that is when they are chosen. */
final class ConventionRules implements RuleGroup {
    static final Rule TIMESTAMP = new Rule("timestamp-without-time-zone", Severity.WARNING, Rule.Kind.CONVENTION,
            "A column of type timestamp (without time zone).",
            "",
            """
            timestamp stores a wall-clock reading without saying where. The same instant written by servers
            or sessions in different time zones comes out different, and daylight saving time makes some
            readings ambiguous. timestamptz stores an instant and shows it in the session's time zone, in the
            same eight bytes.
            """,
            "Use timestamptz (timestamp with time zone).",
            """
            ALTER TABLE articles ADD COLUMN published_at timestamptz;
            """);

    static final Rule CHAR = new Rule("char-column", Severity.WARNING, Rule.Kind.CONVENTION,
            "A column of type char(n) (character, bpchar).",
            "",
            """
            char(n) pads values with spaces to n characters, ignores trailing spaces when comparing but not in
            every function, and is no faster than text or varchar in PostgreSQL.
            """,
            "Use text, with a CHECK constraint on the length where one matters.",
            """
            ALTER TABLE countries ADD COLUMN code text CHECK (length(code) = 2);
            """);

    static final Rule SERIAL = new Rule("serial-column", Severity.INFO, Rule.Kind.CONVENTION,
            "A serial, bigserial or smallserial column.",
            "",
            """
            serial is a shorthand for a sequence and a DEFAULT nextval(). The sequence is a separate object
            with its own permissions and ownership, and copying the table definition copies the default but
            not the sequence. Identity columns are the SQL-standard replacement.
            """,
            "Use bigint GENERATED ALWAYS AS IDENTITY (or BY DEFAULT, to allow explicit values).",
            """
            CREATE TABLE articles (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                title text NOT NULL
            );
            """);

    static final Rule INT_KEY = new Rule("int-primary-key", Severity.WARNING, Rule.Kind.CONVENTION,
            "A single-column primary key of type integer or smallint (serial, smallserial).",
            "",
            """
            An integer key runs out at about 2.1 billion values (sequences also skip values on rollbacks), and
            moving a busy table to bigint later means rewriting it and every table that references it.
            bigint costs four more bytes per row.
            """,
            "Use bigint for keys, preferably bigint GENERATED ALWAYS AS IDENTITY.",
            """
            CREATE TABLE events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                payload jsonb NOT NULL
            );
            """);

    static final Rule FK_INDEX = new Rule("foreign-key-without-index", Severity.WARNING, Rule.Kind.CONVENTION,
            "A foreign key whose columns no index starts with.",
            "",
            """
            PostgreSQL indexes the referenced key but not the referencing columns. Without an index, every
            DELETE or key UPDATE in the referenced table scans the referencing table to find or cascade to
            its rows, and joins along the key scan it too. The lint looks for an index, primary key or unique
            constraint starting with the foreign key's columns anywhere in the run, and in the database.
            """,
            "Create an index on the referencing columns (concurrently, if the table already holds data).",
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_author_id_idx ON articles (author_id);
            """);

    static final List<Rule> RULES = List.of(TIMESTAMP, CHAR, SERIAL, INT_KEY, FK_INDEX);

    /** A foreign key seen in the run, checked for an index once the whole run is known. */
    private record ForeignKey(LintContext context, RelationName table, List<String> columns, Token at) {
    }

    private final List<ForeignKey> foreignKeys = new ArrayList<>();

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public void check(LintContext ctx) {
        StatementFacts f = ctx.facts();
        if (f.is(Verb.CREATE, "TABLE") && f.table() != null) {
            List<String> keyColumns = new ArrayList<>();
            for (Constraint c : f.constraints()) {
                if (c.kind() == ConstraintKind.PRIMARY_KEY) {
                    keyColumns.addAll(c.columns());
                }
                if (c.kind() == ConstraintKind.FOREIGN_KEY && !c.columns().isEmpty()) {
                    foreignKeys.add(new ForeignKey(ctx, f.table(), c.columns(), c.at()));
                }
            }
            for (Column column : f.columns()) {
                boolean soleKey = column.primaryKey() || keyColumns.size() == 1 && keyColumns.get(0).equals(column.name());
                column(ctx, f.table(), column.at(), column.name(), column.type(), soleKey);
                if (column.references() != null) {
                    foreignKeys.add(new ForeignKey(ctx, f.table(), List.of(column.name()), column.at()));
                }
            }
        } else if (f.is(Verb.ALTER, "TABLE") && f.table() != null) {
            for (Action action : f.actions()) {
                Column column = action.definition();
                if (action.kind() == ActionKind.ADD_COLUMN && column != null) {
                    column(ctx, f.table(), column.at() == null ? action.at() : column.at(), column.name(), column.type(),
                            column.primaryKey());
                    if (column.references() != null) {
                        foreignKeys.add(new ForeignKey(ctx, f.table(), List.of(column.name()), action.at()));
                    }
                } else if (action.kind() == ActionKind.ALTER_TYPE && action.type() != null) {
                    column(ctx, f.table(), action.at(), action.column(), action.type(), false);
                } else if (action.kind() == ActionKind.ADD_CONSTRAINT && action.constraint() != null
                        && action.constraint().kind() == ConstraintKind.FOREIGN_KEY
                        && !action.constraint().columns().isEmpty()) {
                    foreignKeys.add(new ForeignKey(ctx, f.table(), action.constraint().columns(), action.at()));
                }
            }
        }
    }

    private static void column(LintContext ctx, RelationName table, Token at, String name, TypeName type,
                               boolean soleKey) {
        if (type == null || name == null) {
            return;
        }
        // The table's state does not matter to a convention, and a table being created has none yet.
        TableInfo info = null;
        String column = "`" + table + "." + name + "`";
        if (type.is("timestamp")) {
            ctx.report(TIMESTAMP, at, info, column + " is timestamp without time zone; timestamptz stores an instant");
        } else if (type.is("char")) {
            ctx.report(CHAR, at, info, column + " is " + type.text() + ", which pads values with spaces");
        }
        if (type.isSerial()) {
            ctx.report(SERIAL, at, info, column + " is " + type.base() + "; an identity column does the same "
                    + "without a separate sequence to manage");
        }
        if (soleKey && !type.array() && type.is("integer", "smallint", "serial", "smallserial")) {
            ctx.report(INT_KEY, at, info, "primary key " + column + " is " + type.base()
                    + ", which runs out at " + (type.is("smallint", "smallserial") ? "32,767" : "about 2.1 billion"));
        }
    }

    @Override
    public void finish() {
        for (ForeignKey fk : foreignKeys) {
            LintContext ctx = fk.context();
            if (ctx.run().isDropped(fk.table()) || isIndexed(ctx, fk)) {
                continue;
            }
            ctx.report(FK_INDEX, fk.at(), ctx.table(fk.table()), "foreign key (" + String.join(", ", fk.columns())
                    + ") of `" + fk.table() + "` has no index starting with its columns");
        }
    }

    private static boolean isIndexed(LintContext ctx, ForeignKey fk) {
        List<List<String>> indexes = new ArrayList<>(ctx.run().indexes(fk.table()));
        TableFacts facts = ctx.databaseTable(fk.table());
        if (facts != null) {
            indexes.addAll(facts.indexes());
        }
        for (List<String> index : indexes) {
            if (index.size() >= fk.columns().size()
                    && new HashSet<>(index.subList(0, fk.columns().size())).equals(new HashSet<>(fk.columns()))) {
                return true;
            }
        }
        return false;
    }
}
