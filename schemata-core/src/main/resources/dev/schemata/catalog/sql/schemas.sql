-- schemas: every schema except the system ones and those an extension created.
-- No parameter: the reader applies the schema filter to this list and passes the selected names to
-- every other query.
SELECT
    n.nspname AS schema_name,
    d.description AS comment
FROM pg_catalog.pg_namespace AS n
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objoid = n.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND e.objid = n.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname
