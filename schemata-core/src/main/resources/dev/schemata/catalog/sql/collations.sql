-- collations: collations created with CREATE COLLATION. The locale columns were renamed across versions
-- (colliculocale in 15-16, colllocale from 17), so they are read by name from the row as JSON.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    co.collname AS collation_name,
    co.collprovider AS provider,
    co.collcollate AS lc_collate,
    co.collctype AS lc_ctype,
    COALESCE(pg_catalog.to_jsonb(co) ->> 'colllocale', pg_catalog.to_jsonb(co) ->> 'colliculocale') AS locale,
    pg_catalog.to_jsonb(co) ->> 'collicurules' AS icu_rules,
    co.collisdeterministic AS deterministic,
    d.description AS comment
FROM pg_catalog.pg_collation AS co
    JOIN pg_catalog.pg_namespace AS n ON n.oid = co.collnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_collation'::pg_catalog.regclass AND d.objoid = co.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_collation'::pg_catalog.regclass AND e.objid = co.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, co.collname
