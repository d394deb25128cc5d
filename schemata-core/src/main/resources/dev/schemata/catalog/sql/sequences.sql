-- sequences: sequences with their options and OWNED BY column. Identity columns' sequences belong to
-- the column (columns.sql) and are left out.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS sequence_name,
    c.relpersistence AS persistence,
    pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
    s.seqstart AS start_value,
    s.seqincrement AS increment,
    s.seqmin AS min_value,
    s.seqmax AS max_value,
    s.seqcache AS cache_size,
    s.seqcycle AS cycle,
    owner.table_schema AS owned_by_schema,
    owner.table_name AS owned_by_table,
    owner.column_name AS owned_by_column,
    d.description AS comment
FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_sequence AS s ON s.seqrelid = c.oid
    LEFT JOIN LATERAL (
        SELECT tn.nspname AS table_schema, tc.relname AS table_name, a.attname AS column_name
        FROM pg_catalog.pg_depend AS dep
            JOIN pg_catalog.pg_class AS tc ON tc.oid = dep.refobjid
            JOIN pg_catalog.pg_namespace AS tn ON tn.oid = tc.relnamespace
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
        WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.objid = c.oid
            AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.refobjsubid > 0
            AND dep.deptype = 'a'
    ) AS owner ON TRUE
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind = 'S'
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS i
        WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = c.oid AND i.deptype = 'i'
    )
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname
