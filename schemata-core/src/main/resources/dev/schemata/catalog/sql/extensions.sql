-- extensions: installed extensions with their versions. Extensions are database-wide, so the filter is on
-- the schema they install into; those in pg_catalog (procedural languages such as plpgsql) are always read.
-- Parameter: the selected schema names (text[]).
SELECT
    x.extname AS extension_name,
    x.extversion AS version,
    n.nspname AS schema_name,
    d.description AS comment
FROM pg_catalog.pg_extension AS x
    JOIN pg_catalog.pg_namespace AS n ON n.oid = x.extnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.objoid = x.oid AND d.objsubid = 0
WHERE n.nspname = 'pg_catalog'
    OR (n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND n.nspname = ANY (?))
ORDER BY x.extname
