package dev.schemata;

/** What {@link Schemata#migrate()} does with the lint of the migrations it is about to apply. */
public enum LintMode {
    /** No lint. */
    OFF,
    /** Findings are reported as progress lines; the run goes on. */
    WARN,
    /** As {@link #WARN}, and an error-level finding stops the run before any change ({@code LINT_FINDINGS}). */
    ERROR
}
