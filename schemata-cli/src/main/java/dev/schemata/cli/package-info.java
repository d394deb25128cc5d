/**
 * The {@code schemata} command line: picocli commands that parse options, call the library, and render
 * human text (stderr for progress, stdout for results) or {@code --json}. Failures become exit codes in
 * one place, {@link dev.schemata.cli.Failures}.
 */
package dev.schemata.cli;
