-- event_triggers: event triggers, database-wide; each is read with the schema of the function it runs.
-- Parameter: the selected schema names (text[]).
SELECT
    o.evtname AS trigger_name,
    o.evtevent AS event,
    o.evttags AS tags,
    n.nspname AS function_schema,
    p.proname AS function_name,
    o.evtenabled AS enabled,
    d.description AS comment
FROM pg_catalog.pg_event_trigger AS o
    JOIN pg_catalog.pg_proc AS p ON p.oid = o.evtfoid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_event_trigger'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_event_trigger'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY o.evtname
