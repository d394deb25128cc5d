-- tables: ordinary and partitioned tables with persistence, storage parameters, partitioning,
-- inheritance parents, row-level security and replica identity. Columns, constraints, indexes, triggers
-- and policies come from their own queries.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS table_name,
    c.relpersistence AS persistence,
    CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
    pn.nspname AS partition_parent_schema,
    pc.relname AS partition_parent_name,
    CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
    ARRAY(
        SELECT ipn.nspname::text
        FROM pg_catalog.pg_inherits AS i
            JOIN pg_catalog.pg_class AS ip ON ip.oid = i.inhparent
            JOIN pg_catalog.pg_namespace AS ipn ON ipn.oid = ip.relnamespace
        WHERE i.inhrelid = c.oid AND NOT c.relispartition
        ORDER BY i.inhseqno
    ) AS parent_schemas,
    ARRAY(
        SELECT ip.relname::text
        FROM pg_catalog.pg_inherits AS i
            JOIN pg_catalog.pg_class AS ip ON ip.oid = i.inhparent
        WHERE i.inhrelid = c.oid AND NOT c.relispartition
        ORDER BY i.inhseqno
    ) AS parent_names,
    c.reloptions AS options,
    c.relrowsecurity AS row_security,
    c.relforcerowsecurity AS force_row_security,
    c.relreplident AS replica_identity,
    d.description AS comment
FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_inherits AS pi ON c.relispartition AND pi.inhrelid = c.oid
    LEFT JOIN pg_catalog.pg_class AS pc ON pc.oid = pi.inhparent
    LEFT JOIN pg_catalog.pg_namespace AS pn ON pn.oid = pc.relnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p')
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname
