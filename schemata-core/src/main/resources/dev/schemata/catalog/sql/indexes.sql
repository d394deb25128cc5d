-- indexes: indexes of tables and materialized views, including those behind constraints. An index that
-- PostgreSQL created on a partition for its parent's index (an index with a pg_inherits parent) comes
-- with the parent's and is left out.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    ic.relname AS index_name,
    c.relname AS table_name,
    pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
    am.amname AS method,
    ARRAY(
        SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k.col, TRUE)
        FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k (col)
        ORDER BY k.col
    ) AS keys,
    ARRAY(
        SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k.col, TRUE)
        FROM pg_catalog.generate_series(i.indnkeyatts + 1, i.indnatts) AS k (col)
        ORDER BY k.col
    ) AS include,
    pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
    i.indisunique AS is_unique,
    i.indisprimary AS is_primary,
    i.indnullsnotdistinct AS nulls_not_distinct,
    con.conname AS constraint_name,
    i.indisvalid AS is_valid,
    i.indisreplident AS is_replica_identity,
    d.description AS comment
FROM pg_catalog.pg_index AS i
    JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
    JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
    LEFT JOIN pg_catalog.pg_constraint AS con
        ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = ic.oid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm')
    AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits AS pi WHERE pi.inhrelid = i.indexrelid)
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, ic.relname
