/**
 * The project's {@code schemata.toml}: named environments (URL, migrations, history table, lint, backups,
 * protection) read into immutable records, with {@code ${VAR}} expansion, warnings for unwise settings and
 * the protection rule that destructive commands check.
 */
package dev.schemata.config;
