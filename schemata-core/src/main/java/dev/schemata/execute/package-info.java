/**
 * The one engine that runs recorded SQL on a target: versioned migrations, down migrations, the checks of
 * {@code verify-rollback}, schema files and declarative plans all go through {@link
 * dev.schemata.execute.Executor}, so that a fix to how one of them sends statements is a fix to all.
 *
 * <p>Work is a sequence of {@link dev.schemata.execute.Unit}s. A unit is either one transaction, committed
 * together with the rows that record it (history rows) or rolled back whole, or a run of statements that
 * PostgreSQL refuses inside a transaction block, each committed on its own with a listener told before and
 * after each statement (to record progress). Lock and statement timeouts are set the same way for every
 * unit, and a failed statement is reported the same way everywhere ({@link dev.schemata.execute.UnitFailed}):
 * {@code file:line: ERROR: message}, the server's detail and hint, the statement, and how many statements
 * of the unit had completed. The migration lock is taken on the connection that runs the units ({@link
 * dev.schemata.execute.Executor#lock}): the server keeps running a killed client's last statement, and only
 * a lock held by that same session is released no sooner than the statement ends.
 *
 * <p>What a statement is (transactional or not, which index it builds) is the {@link dev.schemata.sql}
 * package's job; reading files into units is the caller's.
 */
package dev.schemata.execute;
