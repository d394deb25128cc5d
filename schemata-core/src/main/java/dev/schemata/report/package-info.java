/**
 * Reports that CI systems read: the findings of {@code lint}, {@code validate}, {@code drift}, {@code plan} and
 * {@code verify-rollback} as one small model ({@link dev.schemata.report.Report}), rendered as GitHub Actions
 * workflow commands, JUnit XML or Markdown. Rendering only: no I/O, no database.
 */
package dev.schemata.report;
