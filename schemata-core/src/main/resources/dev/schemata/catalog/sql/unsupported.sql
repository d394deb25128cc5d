-- unsupported: objects the model cannot represent, named as pg_identify_object prints them so that a
-- comparison can report them. Objects in a schema are filtered like every other query; database-wide
-- ones (publications, large objects, security labels, ...) are always read. Built-in objects have OIDs
-- below 16384 (FirstNormalObjectId) and are left out, as are extension members and objects internal to
-- another object (such as the cast from a range type to its multirange type, which comes with it).
-- Settings of represented objects that the model does not keep (a column's statistics target, a table's
-- tablespace, ...) are listed too, as the setting's kind and the object's identity.
-- Parameter: the selected schema names (text[]).
WITH candidate AS (
    -- rules, except the _RETURN rule that implements each view
    SELECT 'pg_catalog.pg_rewrite'::pg_catalog.regclass AS classid, r.oid AS objid, c.relnamespace AS namespace,
        0 AS objsubid, NULL AS setting, NULL AS detail
    FROM pg_catalog.pg_rewrite AS r
        JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
    WHERE r.rulename <> '_RETURN'
    UNION ALL
    -- foreign tables that are partitions or inherit (foreign_tables.sql reads the others)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_class AS c
    WHERE c.relkind = 'f'
        AND (c.relispartition OR EXISTS (SELECT FROM pg_catalog.pg_inherits AS i WHERE i.inhrelid = c.oid))
    UNION ALL
    -- window functions (written in C; aggregates are read by aggregates.sql)
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, p.pronamespace, 0, NULL, NULL
    FROM pg_catalog.pg_proc AS p
    WHERE p.prokind = 'w'
    UNION ALL
    -- base, range and shell types, except array types (which come with their element type)
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, t.typnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_type AS t
    WHERE t.typtype IN ('b', 'r', 'p')
        AND NOT EXISTS (SELECT FROM pg_catalog.pg_type AS el WHERE el.typarray = t.oid)
    UNION ALL
    SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid, s.stxnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_statistic_ext AS s
    UNION ALL
    SELECT 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, o.oid, o.prsnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_ts_parser AS o
    UNION ALL
    SELECT 'pg_catalog.pg_ts_template'::pg_catalog.regclass, o.oid, o.tmplnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_ts_template AS o
    UNION ALL
    -- shell operators (named by a COMMUTATOR or NEGATOR, never defined)
    SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, o.oprnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_operator AS o
    WHERE o.oprcode = 0
    UNION ALL
    SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, o.oid, o.opcnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_opclass AS o
    UNION ALL
    SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, o.oid, o.opfnamespace, 0, NULL, NULL
    FROM pg_catalog.pg_opfamily AS o
    UNION ALL
    SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, o.oid, o.connamespace, 0, NULL, NULL
    FROM pg_catalog.pg_conversion AS o
    UNION ALL
    -- database-wide objects
    SELECT 'pg_catalog.pg_publication'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_publication AS o
    UNION ALL
    SELECT 'pg_catalog.pg_subscription'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_subscription AS o
        JOIN pg_catalog.pg_database AS db ON db.oid = o.subdbid
    WHERE db.datname = pg_catalog.current_database()
    UNION ALL
    SELECT 'pg_catalog.pg_language'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_language AS o
    UNION ALL
    SELECT 'pg_catalog.pg_am'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_am AS o
    UNION ALL
    SELECT 'pg_catalog.pg_transform'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_transform AS o
    UNION ALL
    SELECT 'pg_catalog.pg_largeobject'::pg_catalog.regclass, o.oid, NULL, 0, NULL, NULL
    FROM pg_catalog.pg_largeobject_metadata AS o
    UNION ALL
    -- settings of represented objects that the model does not keep, named after the object and the
    -- setting: security labels (set through a label provider module), ...
    SELECT o.classoid::pg_catalog.regclass, o.objoid, NULL, o.objsubid, 'security label',
        ' (provider ' || o.provider || ')'
    FROM pg_catalog.pg_seclabel AS o
    UNION ALL
    -- ... column statistics targets, storage, compression and options (ALTER COLUMN SET ...), ...
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relnamespace, a.attnum, 'column setting',
        ': ' || pg_catalog.concat_ws(', ',
            CASE WHEN COALESCE(a.attstattarget::integer, -1) >= 0 THEN 'STATISTICS ' || a.attstattarget END,
            CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' || CASE a.attstorage WHEN 'p' THEN 'PLAIN'
                WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END,
            CASE WHEN a.attcompression <> '' THEN 'COMPRESSION ' || CASE a.attcompression WHEN 'l' THEN 'lz4'
                ELSE 'pglz' END END,
            CASE WHEN a.attoptions IS NOT NULL THEN pg_catalog.array_to_string(a.attoptions, ', ') END)
    FROM pg_catalog.pg_attribute AS a
        JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
    WHERE c.relkind IN ('r', 'p', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
        AND (COALESCE(a.attstattarget::integer, -1) >= 0 OR a.attstorage <> t.typstorage OR a.attcompression <> ''
            OR a.attoptions IS NOT NULL)
    UNION ALL
    -- ... tables, materialized views and indexes in a tablespace other than the database's default, ...
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relnamespace, 0, 'tablespace',
        ' in tablespace ' || ts.spcname
    FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_tablespace AS ts ON ts.oid = c.reltablespace
    UNION ALL
    -- ... and the index a table is clustered on (ALTER TABLE ... CLUSTER ON)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.indexrelid, c.relnamespace, 0, 'cluster on', ': CLUSTER ON'
    FROM pg_catalog.pg_index AS i
        JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid
    WHERE i.indisclustered
)
SELECT
    COALESCE(x.setting, o.type) AS kind,
    CASE WHEN x.setting IS NULL THEN o.identity ELSE o.type || ' ' || o.identity || x.detail END AS name
FROM candidate AS x
    LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = x.namespace
    CROSS JOIN LATERAL pg_catalog.pg_identify_object(x.classid, x.objid, x.objsubid) AS o
WHERE x.objid >= 16384
    AND (x.namespace IS NULL
        OR (n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND n.nspname = ANY (?)))
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = x.classid AND e.objid = x.objid AND e.deptype = 'e'
    )
    AND (x.setting IS NOT NULL OR NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS i
        WHERE i.classid = x.classid AND i.objid = x.objid AND i.deptype = 'i'
    ))
ORDER BY kind, name
