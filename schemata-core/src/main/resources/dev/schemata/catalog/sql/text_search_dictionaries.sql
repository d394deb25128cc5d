-- text_search_dictionaries: text search dictionaries with their template and options (dictinitoption,
-- as PostgreSQL prints them, e.g. language = 'english', stopwords = 'english').
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    o.dictname AS dictionary_name,
    tn.nspname AS template_schema,
    t.tmplname AS template_name,
    o.dictinitoption AS options,
    d.description AS comment
FROM pg_catalog.pg_ts_dict AS o
    JOIN pg_catalog.pg_namespace AS n ON n.oid = o.dictnamespace
    JOIN pg_catalog.pg_ts_template AS t ON t.oid = o.dicttemplate
    JOIN pg_catalog.pg_namespace AS tn ON tn.oid = t.tmplnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_ts_dict'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_ts_dict'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, o.dictname
