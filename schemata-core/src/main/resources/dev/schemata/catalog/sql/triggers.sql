-- triggers: triggers on tables and views, including constraint triggers. Internal triggers (those
-- behind foreign keys) and a partition's copies of its parent's triggers (tgparentid set) are left out.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS table_name,
    t.tgname AS trigger_name,
    pg_catalog.pg_get_triggerdef(t.oid) AS definition,
    t.tgenabled AS state,
    fn.nspname AS function_schema,
    f.proname AS function_name,
    d.description AS comment
FROM pg_catalog.pg_trigger AS t
    JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_proc AS f ON f.oid = t.tgfoid
    JOIN pg_catalog.pg_namespace AS fn ON fn.oid = f.pronamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0
    AND c.relkind IN ('r', 'p', 'v')
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname, t.tgname
