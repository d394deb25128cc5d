package dev.schemata.lint;

import java.util.List;

/**
 * One group of related rules. A new instance serves one run, so a group may remember what it saw until
 * {@link #finish()}.
 */
interface RuleGroup {
    /** The rules this group reports. */
    List<Rule> rules();

    /** Looks at one statement, before the run state records what it does. */
    void check(LintContext context);

    /** Called once after the last statement of the run. */
    default void finish() {
    }
}
