-- enums: enum types with their labels in sort order.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    t.typname AS type_name,
    ARRAY(
        SELECT l.enumlabel::text
        FROM pg_catalog.pg_enum AS l
        WHERE l.enumtypid = t.oid
        ORDER BY l.enumsortorder
    ) AS labels,
    d.description AS comment
FROM pg_catalog.pg_type AS t
    JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'e'
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = t.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, t.typname
