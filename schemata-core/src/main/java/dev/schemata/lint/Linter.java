package dev.schemata.lint;

import dev.schemata.concurrent.Background;
import dev.schemata.lint.StatementFacts.Verb;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Lints migration SQL. The sources form one run, in the order given (the order they would be applied): a
 * table created by an earlier statement of the run is new, so lock and rewrite rules stay quiet about it
 * (unless {@link LintOptions#earlierFilesApplied()} says earlier files are history).
 * With a connection, each table the files name is looked up once, before any rule runs, and findings about
 * small tables (see {@link LintOptions}) are dropped too; without one, every table is assumed to exist, as
 * a static linter does.
 *
 * <p>Only the tokens of the PostgreSQL lexer are looked at, so words inside strings, comments and
 * dollar-quoted bodies never trigger a rule. Nothing is written to the database.
 */
public final class Linter {
    private Linter() {
    }

    /**
     * Lints {@code sources} as one run.
     *
     * @param connection a connection to the target database, used for one read-only query (two when enum
     *                   types are recreated); the caller keeps ownership and closes it
     * @throws dev.schemata.SchemataException with {@code BAD_INPUT} when a source cannot be split into
     *         statements (an unterminated string, say), naming the file and line
     */
    public static LintReport lint(List<LintSource> sources, Optional<Connection> connection, LintOptions options) {
        // Each file is parsed on its own (several at a time when there are many); the rules then run in order.
        List<ParsedSource> parsed = Background.map(IntStream.range(0, sources.size()).boxed().toList(),
                i -> ParsedSource.read(i, sources.get(i)));
        int statements = 0;
        for (ParsedSource p : parsed) {
            statements += p.statements().size();
        }
        DatabaseFacts database = null;
        if (options.useDatabase() && connection.isPresent()) {
            database = DatabaseFacts.read(connection.get(), relationsNamed(parsed), enumTypesNamed(parsed));
        }
        RunState run = new RunState(database);
        Reporter reporter = new Reporter(options);
        List<RuleGroup> groups = Rules.newGroups();
        for (ParsedSource source : parsed) {
            FileState file = new FileState(source);
            for (StatementFacts facts : source.statements()) {
                LintContext context = new LintContext(source, facts, file, run, database, reporter);
                for (RuleGroup group : groups) {
                    group.check(context);
                }
                run.apply(facts);
                file.apply(facts);
            }
            if (options.earlierFilesApplied()) {
                run.treatCreatedAsExisting();
            }
        }
        for (RuleGroup group : groups) {
            group.finish();
        }
        return new LintReport(reporter.sorted(), parsed.size(), statements, database != null);
    }

    /**
     * Lints the statements of a plan (for example the steps of a declarative schema change) as one source:
     * the statements are joined with {@code ;} and a blank line, so a finding's line counts in that text.
     */
    public static LintReport lintStatements(List<String> sql, String sourceName, Optional<Connection> connection,
                                            LintOptions options) {
        StringBuilder text = new StringBuilder();
        for (String statement : sql) {
            text.append(statement.strip()).append(";\n\n");
        }
        return lint(List.of(new LintSource(sourceName, text.toString(), 0, false)), connection, options);
    }

    /** Every relation name the statements mention, for the one database query. */
    private static Set<RelationName> relationsNamed(List<ParsedSource> sources) {
        Set<RelationName> names = new LinkedHashSet<>();
        for (ParsedSource source : sources) {
            for (StatementFacts f : source.statements()) {
                if (f.table() != null) {
                    names.add(f.table());
                }
                if (!f.object().equals("TYPE") && !f.object().equals("SCHEMA") && !f.object().equals("FUNCTION")
                        && !f.object().equals("PROCEDURE") && !f.object().equals("DATABASE")) {
                    names.addAll(f.names());
                }
                names.addAll(f.references());
            }
        }
        return names;
    }

    /** Types that an ALTER TYPE or DROP TYPE names: their labels tell whether recreating them reorders values. */
    private static Set<RelationName> enumTypesNamed(List<ParsedSource> sources) {
        Set<RelationName> types = new LinkedHashSet<>();
        for (ParsedSource source : sources) {
            for (StatementFacts f : source.statements()) {
                if (f.object().equals("TYPE") && (f.verb() == Verb.ALTER || f.verb() == Verb.DROP)) {
                    types.addAll(f.names());
                }
            }
        }
        return types;
    }
}
