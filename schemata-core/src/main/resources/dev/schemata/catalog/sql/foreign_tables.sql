-- foreign_tables: foreign tables (their columns are read by columns.sql) with their server, options, the
-- options of each column and their CHECK constraints. A foreign table that is a partition or inherits
-- from a table is listed by unsupported.sql instead.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS table_name,
    s.srvname AS server_name,
    ARRAY(
        SELECT pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value)
        FROM pg_catalog.pg_options_to_table(f.ftoptions) AS x
        ORDER BY x.option_name
    ) AS options,
    ARRAY(
        SELECT pg_catalog.quote_ident(a.attname) || ' OPTIONS (' || (
            SELECT pg_catalog.string_agg(pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value), ', ' ORDER BY x.option_name)
            FROM pg_catalog.pg_options_to_table(a.attfdwoptions) AS x) || ')'
        FROM pg_catalog.pg_attribute AS a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL
        ORDER BY a.attname
    ) AS column_options,
    ARRAY(
        SELECT 'CONSTRAINT ' || pg_catalog.quote_ident(k.conname) || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
        FROM pg_catalog.pg_constraint AS k
        -- CHECK only: NOT NULL belongs to the column (PostgreSQL 18 also lists it here, as contype 'n').
        WHERE k.conrelid = c.oid AND k.contype = 'c'
        ORDER BY k.conname
    ) AS checks,
    d.description AS comment
FROM pg_catalog.pg_foreign_table AS f
    JOIN pg_catalog.pg_class AS c ON c.oid = f.ftrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_foreign_server AS s ON s.oid = f.ftserver
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE NOT c.relispartition
    AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits AS i WHERE i.inhrelid = c.oid)
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname
