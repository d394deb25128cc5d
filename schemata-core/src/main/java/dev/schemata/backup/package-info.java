/**
 * Backups with pg_dump: owner-only files named {@code <db>_<YYYYMMDD_HHMMSS>_v<version>} with a JSON
 * manifest beside them, verification by restoring into a throwaway database, retention that only ever
 * deletes files carrying our manifest, and restore.
 */
package dev.schemata.backup;
