-- constraints: primary key, unique, foreign key, check and exclusion constraints of tables. Copies that
-- a partition or inheritance child gets from its parent (not conislocal) come with the parent's and are
-- left out; NOT NULL is read with the column.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS table_name,
    con.conname AS constraint_name,
    con.contype AS constraint_type,
    pg_catalog.pg_get_constraintdef(con.oid) AS definition,
    ARRAY(
        SELECT a.attname::text
        FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k (attnum, ord)
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        ORDER BY k.ord
    ) AS columns,
    con.condeferrable AS deferrable,
    con.condeferred AS initially_deferred,
    con.convalidated AS validated,
    rn.nspname AS referenced_schema,
    rc.relname AS referenced_table,
    ARRAY(
        SELECT a.attname::text
        FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k (attnum, ord)
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
        ORDER BY k.ord
    ) AS referenced_columns,
    con.confupdtype AS on_update,
    con.confdeltype AS on_delete,
    con.confmatchtype AS match_type,
    d.description AS comment
FROM pg_catalog.pg_constraint AS con
    JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = con.confrelid
    LEFT JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objoid = con.oid AND d.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
    AND con.conislocal
    AND c.relkind IN ('r', 'p')
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname, con.conname
