package dev.schemata.lint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One lint rule and its documentation page.
 *
 * @param id              kebab-case name used in output, suppressions and options ({@code index-not-concurrent})
 * @param severity        the default severity
 * @param kind            what kind of hazard it is, which decides when the table's state silences it
 * @param title           one line: what the rule finds
 * @param lock            the lock taken and what it blocks, or "" when no lock is the problem
 * @param problem         what happens, in a short paragraph
 * @param safeAlternative one or two sentences: what to do instead (shown with every finding)
 * @param example         SQL showing the safe alternative
 */
public record Rule(String id, Severity severity, Kind kind, String title, String lock, String problem,
                   String safeAlternative, String example) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** What a rule guards against; it decides which tables are exempt. */
    public enum Kind {
        /** Holds a lock that blocks the application for as long as it works through every row. */
        LOCK("lock", true, true),
        /** Rewrites the whole table under an ACCESS EXCLUSIVE lock. */
        REWRITE("rewrite", true, true),
        /** Takes a strong lock briefly; the danger is the queue of queries waiting behind it. */
        LOCK_WAIT("lock queue", true, false),
        /** Fails outright on a table that already has rows. */
        FAILURE("failure on existing rows", true, false),
        /** Loses data. */
        DATA_LOSS("data loss", true, false),
        /** Breaks the application version that is running while the migration is applied. */
        COMPATIBILITY("backward compatibility", true, false),
        /** Cannot work the way it is written with respect to transactions. */
        TRANSACTION("transaction", false, false),
        /** Never belongs in a migration. */
        BANNED("banned", false, false),
        /** A schema design convention. */
        CONVENTION("convention", false, false),
        /** A statement in a file that runs more than once ({@code init.sql}, repeatable migrations). */
        RERUN("re-runnable", false, false);

        private final String label;
        private final boolean quietForNewTables;
        private final boolean quietForSmallTables;

        Kind(String label, boolean quietForNewTables, boolean quietForSmallTables) {
            this.label = label;
            this.quietForNewTables = quietForNewTables;
            this.quietForSmallTables = quietForSmallTables;
        }

        public String label() {
            return label;
        }

        /** Whether a finding about a table created earlier in the run, or absent from the database, is dropped. */
        public boolean quietForNewTables() {
            return quietForNewTables;
        }

        /** Whether a finding about a table the database reports below the size threshold is dropped. */
        public boolean quietForSmallTables() {
            return quietForSmallTables;
        }

        /** When findings of this kind are not reported, for the documentation. */
        public String exemptions() {
            if (quietForSmallTables) {
                return "quiet about tables created earlier in the run, tables the database does not have, and tables"
                        + " the database reports below the size threshold";
            }
            if (quietForNewTables) {
                return "quiet about tables created earlier in the run and tables the database does not have; the"
                        + " table's size does not matter";
            }
            return "reported whatever the table's state";
        }
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
        Objects.requireNonNull(example, "example");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be kebab-case: " + id);
        }
    }

    /** The rule's documentation page as a Markdown section (the same text as in docs/lint-rules.md). */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(id).append("\n\n");
        out.append(title).append("\n\n");
        out.append("- Severity: ").append(severity.label()).append('\n');
        out.append("- Kind: ").append(kind.label()).append("; ").append(kind.exemptions()).append('\n');
        if (!lock.isEmpty()) {
            out.append("- Lock: ").append(lock).append('\n');
        }
        out.append('\n').append(problem.strip()).append("\n\n");
        out.append("**Safe alternative.** ").append(safeAlternative.strip()).append("\n\n");
        out.append("```sql\n").append(example.strip()).append("\n```\n");
        return out.toString();
    }
}
