package dev.schemata.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every lint rule, in the order of the documentation, and the documentation itself. */
public final class Rules {
    private static final List<Rule> ALL;
    private static final Map<String, Rule> BY_ID;

    static {
        List<Rule> all = new ArrayList<>();
        for (RuleGroup group : newGroups()) {
            all.addAll(group.rules());
        }
        ALL = List.copyOf(all);
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : ALL) {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalStateException("two lint rules named " + rule.id());
            }
        }
        BY_ID = byId;
    }

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static Set<String> ids() {
        return BY_ID.keySet();
    }

    /** Fresh rule groups for one run (a group may remember what it saw during the run). */
    static List<RuleGroup> newGroups() {
        return List.of(new IndexRules(), new ColumnRules(), new ConstraintRules(), new CompatibilityRules(),
                new LockingRules(), new ConventionRules(), new InitSqlRules());
    }

    /**
     * The rule reference as Markdown: the content of {@code docs/lint-rules.md}, which a test keeps equal to
     * it ({@code schemata lint --explain all} prints it).
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Lint rules\n\n");
        out.append("Generated from the rule definitions: `schemata lint --explain all > docs/lint-rules.md`.")
                .append(" How the lint works, suppressions and output formats: [lint.md](lint.md).\n\n");
        out.append("| rule | severity | kind |\n|---|---|---|\n");
        for (Rule rule : ALL) {
            out.append("| [").append(rule.id()).append("](#").append(rule.id()).append(") | ")
                    .append(rule.severity().label()).append(" | ").append(rule.kind().label()).append(" |\n");
        }
        for (Rule rule : ALL) {
            out.append('\n').append(rule.markdown());
        }
        return out.toString();
    }
}
