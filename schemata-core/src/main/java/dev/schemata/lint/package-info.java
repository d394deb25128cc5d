/**
 * Migration safety lint: reads migration SQL with the PostgreSQL lexer, recognises what each statement does
 * to which table, and reports the statements that lock or rewrite busy tables, lose data, break the running
 * application or break conventions, each with the safe alternative. With a connection it also knows each
 * table's size, so that small tables and tables created earlier in the same run raise no lock or rewrite
 * findings. {@link dev.schemata.lint.Linter} is the entry point; {@link dev.schemata.lint.Rules} lists every
 * rule with its documentation.
 */
package dev.schemata.lint;
