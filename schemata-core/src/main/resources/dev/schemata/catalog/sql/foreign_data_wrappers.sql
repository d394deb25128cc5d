-- foreign_data_wrappers: foreign-data wrappers created by hand (those an extension such as postgres_fdw
-- creates come with the extension). Database-wide, so read whatever the schema filter selects. Options are
-- SQL fragments (name 'value'), sorted.
SELECT
    o.fdwname AS wrapper_name,
    CASE WHEN o.fdwhandler <> 0 THEN o.fdwhandler::pg_catalog.regproc::text END AS handler,
    CASE WHEN o.fdwvalidator <> 0 THEN o.fdwvalidator::pg_catalog.regproc::text END AS validator,
    ARRAY(
        SELECT pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value)
        FROM pg_catalog.pg_options_to_table(o.fdwoptions) AS x
        ORDER BY x.option_name
    ) AS options,
    d.description AS comment
FROM pg_catalog.pg_foreign_data_wrapper AS o
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY o.fdwname
