-- functions: functions and procedures (aggregates are read by aggregates.sql, window functions listed by
-- unsupported.sql), with the facts a comparison needs beside the full pg_get_functiondef text. Functions internal to
-- another object (the constructors of a range or multirange type) come with that object and are left out.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    p.proname AS function_name,
    pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
    p.prokind AS kind,
    pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
    pg_catalog.pg_get_function_result(p.oid) AS result,
    l.lanname AS language,
    p.provolatile AS volatility,
    p.proisstrict AS strict,
    p.prosecdef AS security_definer,
    p.proleakproof AS leakproof,
    p.proparallel AS parallel,
    p.proconfig AS settings,
    pg_catalog.pg_get_functiondef(p.oid) AS definition,
    d.description AS comment
FROM pg_catalog.pg_proc AS p
    JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
    JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p')
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS i
        WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid AND i.deptype = 'i'
    )
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.objid = p.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, p.proname, identity_arguments
