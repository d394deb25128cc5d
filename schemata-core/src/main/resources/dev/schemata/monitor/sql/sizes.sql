-- Tables, partitioned tables and materialized views of the current database with their parts, largest first.
SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS table_name,
       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' ELSE 'materialized view' END AS kind,
       pg_catalog.pg_total_relation_size(c.oid) AS total_bytes,
       pg_catalog.pg_relation_size(c.oid) AS heap_bytes,
       CASE WHEN c.reltoastrelid = 0 THEN 0 ELSE pg_catalog.pg_total_relation_size(c.reltoastrelid) END AS toast_bytes,
       pg_catalog.pg_indexes_size(c.oid) AS index_bytes,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS row_estimate,
       -- Each index's size only when asked for (the parameter): a migrate run keeps the totals alone.
       CASE WHEN ?
            THEN COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', ic.relname,
                                                                                   'bytes', pg_catalog.pg_relation_size(ic.oid))
                                                      ORDER BY pg_catalog.pg_relation_size(ic.oid) DESC, ic.relname)
                           FROM pg_catalog.pg_index i
                           JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                           WHERE i.indrelid = c.oid), '[]')::text
            ELSE '[]' END AS indexes
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY total_bytes DESC, table_name
