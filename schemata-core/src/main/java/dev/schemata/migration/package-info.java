/**
 * Migration files: finds them in a migrations directory or on the class path ({@link
 * dev.schemata.migration.MigrationLocation}), names their versions, checksums them and plans new ones. A file's
 * bytes come through {@link dev.schemata.migration.MigrationFile} (a file on disk or a jar entry, nested or not),
 * so every rule below holds the same wherever the files are. Nothing here talks to a database.
 *
 * <p>Recognised layouts, which may be mixed and nested in sub-folders: {@code 001_name.sql};
 * golang-migrate's {@code 001_name.up.sql} / {@code 001_name.down.sql}; Flyway's {@code V1__name.sql},
 * {@code U1__name.sql} (undo) and {@code R__name.sql} (repeatable); Diesel's
 * {@code 2024-01-31-120000_name/up.sql} + {@code down.sql}; and dbmate files holding
 * {@code -- migrate:up} / {@code -- migrate:down} sections. Every {@code .sql} file below the directory must
 * be one of these, so a misnamed migration is reported instead of silently skipped; other files and hidden
 * entries are ignored. Symbolic links are followed; a {@code .sql} link that cannot be (missing target, a
 * loop) is reported too.
 *
 * <p>{@link dev.schemata.migration.MigrationSet#scan} is the entry point; it reports all problems of a
 * directory in one {@link dev.schemata.SchemataException} before anything is applied.
 */
package dev.schemata.migration;
