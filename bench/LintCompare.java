import dev.schemata.json.Json;
import dev.schemata.lint.Finding;
import dev.schemata.lint.LintOptions;
import dev.schemata.lint.LintSource;
import dev.schemata.lint.Linter;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.Statement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The comparison behind bench/lint-compare: for every squawk finding, whether schemata lint reports the
 * same hazard on the same statement, and if not, why. A finding counts as "created earlier in the file"
 * when schemata reports it for the statement linted on its own: what silenced it is an earlier statement
 * of the file (usually the one that creates the table). Run with the schemata jar on the class path:
 *
 *   java -cp schemata-all.jar bench/LintCompare.java CORPUS squawk.json schemata.json SQUAWK_VERSION
 */
public class LintCompare {
    /** A squawk rule this comparison looks at: its kind, the schemata rules that report the same hazard, why not. */
    record Mapping(String kind, Set<String> ours, String otherwise) {
    }

    static final Map<String, Mapping> HAZARDS = new LinkedHashMap<>();
    static final Map<String, Mapping> CONVENTIONS = new LinkedHashMap<>();

    static {
        HAZARDS.put("require-concurrent-index-creation", new Mapping("lock",
                Set.of("index-not-concurrent", "index-on-partitioned-table"), ""));
        HAZARDS.put("require-concurrent-index-deletion", new Mapping("lock", Set.of("drop-index-not-concurrent"), ""));
        HAZARDS.put("require-concurrent-reindex", new Mapping("lock", Set.of("reindex-not-concurrent"), ""));
        HAZARDS.put("adding-foreign-key-constraint", new Mapping("lock", Set.of("add-foreign-key-not-valid"), ""));
        HAZARDS.put("constraint-missing-not-valid", new Mapping("lock", Set.of("add-foreign-key-not-valid",
                "add-check-not-valid", "add-unique-without-index", "add-primary-key-without-index",
                "add-exclusion-constraint", "set-not-null"), ""));
        HAZARDS.put("disallowed-unique-constraint", new Mapping("lock", Set.of("add-unique-without-index"), ""));
        HAZARDS.put("adding-serial-primary-key-field", new Mapping("lock",
                Set.of("add-primary-key-without-index", "add-column-generated"), ""));
        HAZARDS.put("adding-not-nullable-field", new Mapping("lock", Set.of("set-not-null"), ""));
        HAZARDS.put("require-lock-timeout", new Mapping("lock", Set.of("missing-lock-timeout"),
                "no statement of the file takes a SHARE or stronger lock on a table that existed before it "
                        + "(squawk asks for lock_timeout before any DDL: CREATE FUNCTION, CREATE VIEW, ALTER TYPE ...)"));
        HAZARDS.put("require-statement-timeout", new Mapping("lock", Set.of(),
                "not a rule: a lock_timeout bounds the wait that blocks other queries; how long a statement may run "
                        + "once it has its lock is what the lock and rewrite rules are about"));
        HAZARDS.put("changing-column-type", new Mapping("rewrite", Set.of("alter-column-type"),
                "a change to text or to varchar without a limit; without a database the current type is unknown "
                        + "and such a change is taken to widen a character column, which does not rewrite (docs/lint.md "
                        + "says which of these do rewrite)"));
        HAZARDS.put("adding-field-with-default", new Mapping("rewrite",
                Set.of("add-column-volatile-default", "add-column-generated"), ""));
        HAZARDS.put("adding-required-field", new Mapping("failure", Set.of("add-column-not-null-no-default"),
                "the column is serial: its sequence fills every row, so nothing fails (the rewrite is reported as "
                        + "add-column-generated)"));
        HAZARDS.put("ban-drop-column", new Mapping("data loss", Set.of("drop-column"), ""));
        HAZARDS.put("ban-drop-table", new Mapping("data loss", Set.of("drop-table"), ""));
        HAZARDS.put("ban-drop-database", new Mapping("data loss", Set.of("drop-database"), ""));
        HAZARDS.put("ban-truncate-cascade", new Mapping("data loss", Set.of("truncate"), ""));
        HAZARDS.put("renaming-column", new Mapping("compatibility", Set.of("rename-column"), ""));
        HAZARDS.put("renaming-table", new Mapping("compatibility", Set.of("rename-table"), ""));
        HAZARDS.put("ban-drop-not-null", new Mapping("compatibility", Set.of(),
                "not a rule: a column that accepts NULL takes every row the running application writes"));
        HAZARDS.put("ban-concurrent-index-creation-in-transaction", new Mapping("transaction",
                Set.of("concurrently-in-transaction"), ""));

        CONVENTIONS.put("prefer-timestamp-tz", new Mapping("convention", Set.of("timestamp-without-time-zone"), ""));
        CONVENTIONS.put("ban-char-field", new Mapping("convention", Set.of("char-column"), ""));
        CONVENTIONS.put("prefer-identity", new Mapping("convention", Set.of("serial-column"), ""));
        CONVENTIONS.put("prefer-bigint-over-int", new Mapping("convention", Set.of("int-primary-key"),
                "int-primary-key covers primary keys only"));
        CONVENTIONS.put("prefer-bigint-over-smallint", new Mapping("convention", Set.of("int-primary-key"),
                "int-primary-key covers primary keys only"));
        CONVENTIONS.put("prefer-text-field", new Mapping("convention", Set.of(), "no rule: widening a varchar is free"));
        CONVENTIONS.put("identifier-too-long", new Mapping("convention", Set.of(),
                "no rule: PostgreSQL shortens the name to 63 bytes and says so in a notice"));
        CONVENTIONS.put("require-enum-value-ordering", new Mapping("convention", Set.of(),
                "no rule: appending a value changes no existing order (enum-value-order reports reordering)"));
    }

    /** Per squawk rule: findings, also reported, silenced by an earlier statement of the file, other. */
    static final class Tally {
        int total;
        int matched;
        int earlierInFile;
        int other;
        final Map<String, Integer> ourRules = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        List<Map<String, Object>> squawk = cast(Json.parse(Files.readString(Path.of(args[1]))));
        Map<String, Object> schemata = cast(Json.parse(Files.readString(Path.of(args[2]))));
        String squawkVersion = args[3];

        Map<String, List<Map<String, Object>>> ours = new HashMap<>();
        for (Map<String, Object> f : List.<Map<String, Object>>copyOf(cast(schemata.get("findings")))) {
            ours.computeIfAbsent((String) f.get("file"), k -> new ArrayList<>()).add(f);
        }
        Map<String, List<Statement>> statements = new HashMap<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, Integer> unknown = new TreeMap<>();
        for (Map<String, Object> s : squawk) {
            String rule = (String) s.get("rule_name");
            Mapping mapping = HAZARDS.containsKey(rule) ? HAZARDS.get(rule) : CONVENTIONS.get(rule);
            if (mapping == null) {
                unknown.merge(rule, 1, Integer::sum);
                continue;
            }
            String file = (String) s.get("file");
            List<Statement> parsed = statements.computeIfAbsent(file, f -> split(corpus.resolve(f)));
            int line = ((Number) s.get("line")).intValue() + 1; // squawk counts lines from 0
            int index = statementAt(parsed, line);
            Tally tally = tallies.computeIfAbsent(rule, k -> new Tally());
            tally.total++;
            String match = null;
            for (Map<String, Object> f : ours.getOrDefault(file, List.of())) {
                int ourLine = ((Number) f.get("line")).intValue();
                boolean sameStatement;
                if (rule.equals("require-lock-timeout")) {
                    sameStatement = true; // both report it once per file
                } else if (CONVENTIONS.containsKey(rule)) {
                    sameStatement = ourLine == line; // one finding per column definition
                } else {
                    sameStatement = statementAt(parsed, ourLine) == index;
                }
                if (sameStatement && mapping.ours().contains((String) f.get("rule"))) {
                    match = (String) f.get("rule");
                    break;
                }
            }
            if (match != null) {
                tally.matched++;
                tally.ourRules.merge(match, 1, Integer::sum);
            } else if (index >= 0 && HAZARDS.containsKey(rule) && !mapping.ours().isEmpty()
                    && !rule.equals("require-lock-timeout") && reportedAlone(file, parsed.get(index), mapping.ours())) {
                tally.earlierInFile++;
            } else {
                tally.other++;
                if (tally.examples.size() < 3) {
                    tally.examples.add(file + ":" + line);
                }
            }
        }

        Map<String, Object> summary = cast(schemata.get("summary"));
        System.out.println("Compared with squawk " + squawkVersion + " (`--assume-in-transaction`) on the "
                + summary.get("files") + " corpus files, each linted on its own (`schemata lint --no-db --separately`).");
        System.out.println();
        System.out.println("Lock, rewrite, data-loss and compatibility findings:");
        System.out.println();
        table(tallies, HAZARDS);
        System.out.println();
        System.out.println("Conventions:");
        System.out.println();
        table(tallies, CONVENTIONS);
        Map<String, Integer> onlyOurs = new TreeMap<>();
        for (List<Map<String, Object>> findings : ours.values()) {
            for (Map<String, Object> f : findings) {
                String rule = (String) f.get("rule");
                boolean mapped = HAZARDS.values().stream().anyMatch(m -> m.ours().contains(rule))
                        || CONVENTIONS.values().stream().anyMatch(m -> m.ours().contains(rule));
                if (!mapped) {
                    onlyOurs.merge(rule, 1, Integer::sum);
                }
            }
        }
        System.out.println();
        System.out.println("schemata rules without a squawk counterpart, findings in the same files: "
                + String.join(", ", onlyOurs.entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue()).toList())
                + ".");
        if (!unknown.isEmpty()) {
            System.out.println();
            System.out.println("squawk rules not classified by this comparison: " + unknown);
        }
    }

    private static void table(Map<String, Tally> tallies, Map<String, Mapping> mappings) {
        System.out.println("| squawk rule | kind | squawk | also reported by schemata | table created earlier in the file "
                + "| not reported, because |");
        System.out.println("|---|---|---:|---|---:|---|");
        for (Map.Entry<String, Mapping> e : mappings.entrySet()) {
            Tally t = tallies.get(e.getKey());
            if (t == null) {
                continue;
            }
            StringBuilder ourRules = new StringBuilder();
            t.ourRules.forEach((rule, n) -> ourRules.append(ourRules.length() == 0 ? "" : ", ")
                    .append(n).append(" `").append(rule).append('`'));
            String because = t.other == 0 ? "" : t.other + ": " + e.getValue().otherwise()
                    + (t.examples.isEmpty() ? "" : " (e.g. " + String.join(", ", t.examples) + ")");
            System.out.println("| `" + e.getKey() + "` | " + e.getValue().kind() + " | " + t.total + " | "
                    + (t.matched == 0 ? "0" : t.matched + " (" + ourRules + ")") + " | " + t.earlierInFile + " | "
                    + because + " |");
        }
    }

    /** Whether schemata reports one of {@code rules} for the statement linted without the rest of its file. */
    private static boolean reportedAlone(String file, Statement statement, Set<String> rules) {
        List<Finding> findings = Linter.lint(List.of(LintSource.of(file, statement.sql() + ";")), Optional.empty(),
                LintOptions.defaults()).findings();
        return findings.stream().anyMatch(f -> rules.contains(f.rule()));
    }

    private static List<Statement> split(Path file) {
        try {
            return SqlScanner.split(Files.readString(file), file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The index of the statement that covers {@code line}: the first that ends on or after it. */
    private static int statementAt(List<Statement> statements, int line) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).endLine() >= line) {
                return i;
            }
        }
        return statements.size() - 1;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
