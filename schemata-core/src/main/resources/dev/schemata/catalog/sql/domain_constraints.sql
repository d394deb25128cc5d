-- domain_constraints: the CHECK constraints of domains. NOT NULL is read with the domain (from
-- PostgreSQL 17 it is also a pg_constraint row of type 'n', left out here).
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    t.typname AS domain_name,
    con.conname AS constraint_name,
    pg_catalog.pg_get_constraintdef(con.oid) AS definition,
    con.convalidated AS validated,
    d.description AS comment
FROM pg_catalog.pg_constraint AS con
    JOIN pg_catalog.pg_type AS t ON t.oid = con.contypid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objoid = con.oid AND d.objsubid = 0
WHERE con.contype = 'c'
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = t.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, t.typname, con.conname
