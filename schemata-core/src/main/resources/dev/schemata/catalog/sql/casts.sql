-- casts: user-defined casts (CREATE CAST), keyed by source and target type. A cast is database-wide; it is
-- read with the schema of the user-defined type it converts (the source type, else the target type), or
-- of its function when both types are built in. Built-in casts have OIDs below 16384 (FirstNormalObjectId);
-- casts internal to another object (a range type's cast to its multirange) come with that object.
-- Parameter: the selected schema names (text[]).
SELECT
    pg_catalog.format_type(o.castsource, NULL) AS source_type,
    pg_catalog.format_type(o.casttarget, NULL) AS target_type,
    o.castmethod AS method,
    CASE WHEN o.castfunc <> 0 THEN o.castfunc::pg_catalog.regprocedure::text END AS function_signature,
    o.castcontext AS context,
    d.description AS comment
FROM pg_catalog.pg_cast AS o
    JOIN pg_catalog.pg_type AS s ON s.oid = o.castsource
    JOIN pg_catalog.pg_type AS t ON t.oid = o.casttarget
    LEFT JOIN pg_catalog.pg_proc AS p ON p.oid = o.castfunc
    JOIN pg_catalog.pg_namespace AS n ON n.oid = CASE
        WHEN s.typnamespace <> 'pg_catalog'::pg_catalog.regnamespace THEN s.typnamespace
        WHEN t.typnamespace <> 'pg_catalog'::pg_catalog.regnamespace THEN t.typnamespace
        ELSE COALESCE(p.pronamespace, s.typnamespace) END
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE o.oid >= 16384
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS i
        WHERE i.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND i.objid = o.oid AND i.deptype = 'i'
    )
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY source_type, target_type
