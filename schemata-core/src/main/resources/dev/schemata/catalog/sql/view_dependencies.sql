-- view_dependencies: for each view and materialized view, the relations its query reads, from the
-- dependencies of its _RETURN rule (one row per pair, whatever the number of columns used).
-- Parameter: the selected schema names (text[]).
SELECT DISTINCT
    n.nspname AS schema_name,
    c.relname AS view_name,
    rn.nspname AS referenced_schema,
    rc.relname AS referenced_name
FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_rewrite AS r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
    JOIN pg_catalog.pg_depend AS dep
        ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND dep.objid = r.oid
        AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.refobjid <> c.oid
    JOIN pg_catalog.pg_class AS rc ON rc.oid = dep.refobjid
    JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace
WHERE c.relkind IN ('v', 'm')
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname, rn.nspname, rc.relname
