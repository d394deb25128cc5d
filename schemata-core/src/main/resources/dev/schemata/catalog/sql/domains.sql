-- domains: domains with their base type, collation (when not the base type's), default and NOT NULL.
-- Their CHECK constraints come from domain_constraints.sql.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    t.typname AS domain_name,
    pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type,
    cn.nspname AS collation_schema,
    co.collname AS collation_name,
    pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expression,
    t.typnotnull AS not_null,
    d.description AS comment
FROM pg_catalog.pg_type AS t
    JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
    JOIN pg_catalog.pg_type AS bt ON bt.oid = t.typbasetype
    LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
    LEFT JOIN pg_catalog.pg_namespace AS cn ON cn.oid = co.collnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'd'
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = t.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, t.typname
