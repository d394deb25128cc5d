-- Every index of the current database with its scans since the statistics were reset, its size, what it
-- enforces, whether it is valid, and its shape (table, access method, columns, operator classes,
-- collations, expressions, predicate, uniqueness): two valid indexes of the same shape are duplicates.
SELECT pg_catalog.format('%I.%I', n.nspname, t.relname) AS table_name,
       pg_catalog.format('%I.%I', n.nspname, ic.relname) AS index_name,
       COALESCE(s.idx_scan, 0) AS scans,
       pg_catalog.pg_relation_size(i.indexrelid) AS bytes,
       i.indisunique AS is_unique,
       i.indisprimary AS is_primary,
       i.indisvalid AS is_valid,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid) AS backs_constraint,
       pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       pg_catalog.concat_ws(' ', i.indrelid::text, ic.relam::text, i.indisunique::text, i.indkey::text, i.indclass::text,
                            i.indcollation::text, pg_catalog.pg_get_expr(i.indexprs, i.indrelid),
                            pg_catalog.pg_get_expr(i.indpred, i.indrelid)) AS shape,
       pg_catalog.pg_stat_get_db_stat_reset_time(
           (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()))::text AS stats_since
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_stat_all_indexes s ON s.indexrelid = i.indexrelid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY scans, bytes DESC, index_name
