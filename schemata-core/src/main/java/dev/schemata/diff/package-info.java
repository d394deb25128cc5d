/**
 * Compares two {@link dev.schemata.catalog.SchemaModel}s and plans the ordered steps that take a database
 * from the first to the second, each step with its SQL and its {@link dev.schemata.diff.Hazard}s.
 *
 * <p>One generic matcher ({@link dev.schemata.diff.Matcher}) splits each kind of object by key into adds,
 * drops and alters; one step generator per kind ({@code TableSteps}, {@code ColumnSteps}, {@code IndexSteps},
 * …) turns those into statements. Generators put each statement into a {@link dev.schemata.diff.Phase}
 * (drops of dependents first, then types, tables, constraints, views, triggers, and finally comments and
 * privileges), so the plan respects dependencies; within a phase statements are sorted by name, so the same
 * two models always give the same plan. Column order is not compared: a column added later is appended, and
 * no plan rewrites a table to move it.
 */
package dev.schemata.diff;
