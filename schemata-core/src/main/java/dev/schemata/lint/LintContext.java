package dev.schemata.lint;

import dev.schemata.sql.Token;

import java.util.HashSet;
import java.util.Set;

/**
 * What a rule group sees while checking one statement: the statement's facts, the file and run so far,
 * the database's facts (null when linting statically), and where to report.
 */
final class LintContext {
    private final ParsedSource source;
    private final StatementFacts facts;
    private final FileState file;
    private final RunState run;
    private final DatabaseFacts database;
    private final Reporter reporter;
    private final Set<String> ignored;

    LintContext(ParsedSource source, StatementFacts facts, FileState file, RunState run, DatabaseFacts database,
                Reporter reporter) {
        this.source = source;
        this.facts = facts;
        this.file = file;
        this.run = run;
        this.database = database;
        this.reporter = reporter;
        Set<String> all = new HashSet<>(source.fileIgnores());
        all.addAll(Suppressions.ofStatement(facts.statement()));
        this.ignored = all;
    }

    StatementFacts facts() {
        return facts;
    }

    ParsedSource source() {
        return source;
    }

    FileState file() {
        return file;
    }

    RunState run() {
        return run;
    }

    /** Reports unless exempt (see {@link Reporter#report}); true if a finding was added. */
    boolean report(Rule rule, Token at, TableInfo table, String message) {
        return reporter.report(rule, source, ignored, at, table, message);
    }

    /** Whether a finding of this rule about this table would be dropped anyway. */
    boolean isExempt(Rule rule, TableInfo table) {
        return reporter.isExempt(rule, table);
    }

    /** Where the table comes from and, with a database, how large it is. */
    TableInfo table(RelationName name) {
        if (run.isCreated(name)) {
            return new TableInfo(name.toString(), TableInfo.Origin.CREATED_IN_RUN, -1, -1);
        }
        if (database == null) {
            return TableInfo.unknown(name.toString());
        }
        DatabaseFacts.Found found = run.isDropped(name) ? null : database.relations().get(run.databaseName(name));
        if (found == null) {
            return new TableInfo(name.toString(), TableInfo.Origin.ABSENT, -1, -1);
        }
        return new TableInfo(name.toString(), TableInfo.Origin.EXISTING, found.table().rows(), found.table().bytes());
    }

    /** The table an index is on, as {@link #table} describes it; named after the index when unknown. */
    TableInfo tableOfIndex(RelationName index) {
        RelationName table = run.indexTable(index);
        if (table != null) {
            return table(table);
        }
        if (run.isCreated(index)) {
            return new TableInfo(index.toString(), TableInfo.Origin.CREATED_IN_RUN, -1, -1);
        }
        if (database == null) {
            return TableInfo.unknown("the table of index " + index);
        }
        DatabaseFacts.Found found = database.relations().get(run.databaseName(index));
        if (found == null) {
            return new TableInfo(index.toString(), TableInfo.Origin.ABSENT, -1, -1);
        }
        TableFacts t = found.table();
        return new TableInfo(t.name().toString(), TableInfo.Origin.EXISTING, t.rows(), t.bytes());
    }

    /** The database's description of a table that existed before the run and still has its name; or null. */
    TableFacts databaseTable(RelationName name) {
        if (database == null || run.isCreated(name) || run.isDropped(name)) {
            return null;
        }
        DatabaseFacts.Found found = database.relations().get(run.databaseName(name));
        return found == null || found.kind().equals("i") || found.kind().equals("I") ? null : found.table();
    }

    boolean isPartitioned(RelationName table) {
        TableFacts facts = databaseTable(table);
        return run.isPartitioned(table) || facts != null && facts.isPartitioned();
    }

    /** The column's current type: as the run last defined it, else as the database has it; null if unknown. */
    TypeName columnType(RelationName table, String column) {
        TypeName type = run.columnType(table, column);
        if (type == null) {
            TableFacts facts = databaseTable(table);
            type = facts == null ? null : facts.columns().get(column);
        }
        return type;
    }

    /** Whether the column is already NOT NULL, or a validated CHECK (column IS NOT NULL) covers it. */
    boolean isKnownNotNull(RelationName table, String column) {
        if (run.hasCheckedNotNull(table, column)) {
            return true;
        }
        TableFacts facts = databaseTable(table);
        return facts != null && (facts.notNull().contains(column) || facts.checkedNotNull().contains(column));
    }

    /** The first token of the statement, where findings about the whole statement point. */
    Token first() {
        return facts.first();
    }
}
