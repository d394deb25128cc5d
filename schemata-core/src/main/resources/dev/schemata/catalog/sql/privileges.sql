-- privileges: the granted privileges of schemas, tables, views, foreign tables, sequences, columns,
-- functions, aggregates and types, one row per object, grantee and privilege. An object without an
-- explicit ACL gets PostgreSQL's default (acldefault); the owner's own entries are left out (they are
-- implicit, and the owner of a restored database may differ); grants of the same privilege by several
-- grantors fold into one row.
-- Function identity arguments are computed after filtering, for the selected functions only.
-- Parameter: the selected schema names (text[]).
WITH acl AS (
    SELECT 'schema' AS object_kind, n.oid AS namespace, n.nspname::text AS object_name, '' AS member_name,
        'pg_catalog.pg_namespace'::pg_catalog.regclass AS classid, n.oid AS objid, n.nspowner AS owner,
        COALESCE(n.nspacl, pg_catalog.acldefault('n', n.nspowner)) AS entries
    FROM pg_catalog.pg_namespace AS n
    UNION ALL
    SELECT 'relation', c.relnamespace, c.relname::text, '',
        'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner,
        COALESCE(c.relacl, pg_catalog.acldefault('r', c.relowner))
    FROM pg_catalog.pg_class AS c
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
    UNION ALL
    SELECT 'relation', c.relnamespace, c.relname::text, '',
        'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner,
        COALESCE(c.relacl, pg_catalog.acldefault('s', c.relowner))
    FROM pg_catalog.pg_class AS c
    WHERE c.relkind = 'S'
    UNION ALL
    SELECT 'column', c.relnamespace, c.relname::text, a.attname::text,
        'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner,
        a.attacl
    FROM pg_catalog.pg_attribute AS a
        JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    UNION ALL
    SELECT 'function', p.pronamespace, p.proname::text, NULL,
        'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, p.proowner,
        COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner))
    FROM pg_catalog.pg_proc AS p
    WHERE p.prokind IN ('f', 'p', 'a')
    UNION ALL
    SELECT 'type', t.typnamespace, t.typname::text, '',
        'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, t.typowner,
        COALESCE(t.typacl, pg_catalog.acldefault('T', t.typowner))
    FROM pg_catalog.pg_type AS t
        LEFT JOIN pg_catalog.pg_class AS r ON r.oid = t.typrelid
    WHERE t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c')
)
SELECT
    n.nspname AS schema_name,
    x.object_kind,
    x.object_name,
    COALESCE(x.member_name, pg_catalog.pg_get_function_identity_arguments(x.objid)) AS member_name,
    CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee,
    a.privilege_type,
    pg_catalog.bool_or(a.is_grantable) AS grantable
FROM acl AS x
    JOIN pg_catalog.pg_namespace AS n ON n.oid = x.namespace
    CROSS JOIN LATERAL pg_catalog.aclexplode(x.entries) AS a
WHERE a.grantee <> x.owner
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = x.classid AND e.objid = x.objid AND e.deptype = 'e'
    )
GROUP BY n.nspname, x.object_kind, x.object_name, x.member_name, x.objid, a.grantee, a.privilege_type
ORDER BY n.nspname, x.object_kind, x.object_name, member_name, grantee, a.privilege_type
