-- text_search_configurations: text search configurations with their parser and mappings, one entry per
-- token type (by the parser's alias for it) with its dictionaries in the order they are consulted, each
-- dictionary printed as regdictionary does (schema-qualified outside pg_catalog).
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    o.cfgname AS configuration_name,
    pn.nspname AS parser_schema,
    p.prsname AS parser_name,
    ARRAY(
        SELECT tt.alias
        FROM pg_catalog.ts_token_type(o.cfgparser) AS tt
        WHERE EXISTS (SELECT FROM pg_catalog.pg_ts_config_map AS m WHERE m.mapcfg = o.oid AND m.maptokentype = tt.tokid)
        ORDER BY tt.alias
    ) AS token_types,
    ARRAY(
        SELECT pg_catalog.string_agg(m.mapdict::pg_catalog.regdictionary::text, ', ' ORDER BY m.mapseqno)
        FROM pg_catalog.ts_token_type(o.cfgparser) AS tt
            JOIN pg_catalog.pg_ts_config_map AS m ON m.mapcfg = o.oid AND m.maptokentype = tt.tokid
        GROUP BY tt.alias
        ORDER BY tt.alias
    ) AS dictionaries,
    d.description AS comment
FROM pg_catalog.pg_ts_config AS o
    JOIN pg_catalog.pg_namespace AS n ON n.oid = o.cfgnamespace
    JOIN pg_catalog.pg_ts_parser AS p ON p.oid = o.cfgparser
    JOIN pg_catalog.pg_namespace AS pn ON pn.oid = p.prsnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, o.cfgname
