-- columns: the columns of tables, views, materialized views and foreign tables and the attributes of
-- composite types, in physical order without dropped columns. The type is printed with its modifier, the
-- collation only when it is not the type's default; identity columns carry their sequence's options; local is
-- false for a column an inheritance child only inherits (a partition's columns count as its own, however it
-- was made).
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    c.relname AS relation_name,
    a.attname AS column_name,
    pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
    cn.nspname AS collation_schema,
    co.collname AS collation_name,
    CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default_expression,
    a.attnotnull AS not_null,
    a.attidentity AS identity,
    ids.data_type AS identity_data_type,
    ids.seqstart AS identity_start,
    ids.seqincrement AS identity_increment,
    ids.seqmin AS identity_min,
    ids.seqmax AS identity_max,
    ids.seqcache AS identity_cache,
    ids.seqcycle AS identity_cycle,
    a.attgenerated AS generated,
    CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generation_expression,
    d.description AS comment,
    a.attislocal OR c.relispartition AS local
FROM pg_catalog.pg_attribute AS a
    JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
    LEFT JOIN pg_catalog.pg_namespace AS cn ON cn.oid = co.collnamespace
    LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN LATERAL (
        SELECT pg_catalog.format_type(s.seqtypid, NULL) AS data_type, s.seqstart, s.seqincrement, s.seqmin,
            s.seqmax, s.seqcache, s.seqcycle
        FROM pg_catalog.pg_depend AS dep
            JOIN pg_catalog.pg_sequence AS s ON s.seqrelid = dep.objid
        WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND dep.deptype = 'i'
            -- A partition's identity column (PostgreSQL 17+) uses the sequence of its partitioned table.
            AND (dep.refobjid, dep.refobjsubid) IN (
                SELECT pa.attrelid, pa.attnum
                FROM pg_catalog.pg_attribute AS pa
                WHERE pa.attname = a.attname AND (pa.attrelid = a.attrelid
                    OR pa.attrelid IN (SELECT anc.relid FROM pg_catalog.pg_partition_ancestors(a.attrelid) AS anc)))
        ORDER BY dep.refobjid = a.attrelid DESC
        LIMIT 1
    ) AS ids ON a.attidentity <> ''
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objoid = c.oid AND d.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f')
    AND a.attnum > 0 AND NOT a.attisdropped
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, c.relname, a.attnum
