-- default_privileges: ALTER DEFAULT PRIVILEGES, one row per role, schema (null for the whole database) and
-- kind of object (r tables, S sequences, f functions, T types, n schemas), with the privileges granted to
-- other roles, one entry per grantee and privilege. An entry for the whole database replaces PostgreSQL's
-- built-in default; one for a schema adds to it. Entries for schemas the filter does not select are left out.
-- Parameter: the selected schema names (text[]).
SELECT
    pg_catalog.pg_get_userbyid(o.defaclrole)::text AS role_name,
    n.nspname AS schema_name,
    o.defaclobjtype AS object_type,
    acl.grantees,
    acl.privilege_types,
    acl.grantable
FROM pg_catalog.pg_default_acl AS o
    LEFT JOIN pg_catalog.pg_namespace AS n ON n.oid = o.defaclnamespace
    CROSS JOIN LATERAL (
        SELECT pg_catalog.array_agg(g.grantee ORDER BY g.grantee, g.privilege_type) AS grantees,
            pg_catalog.array_agg(g.privilege_type ORDER BY g.grantee, g.privilege_type) AS privilege_types,
            pg_catalog.array_agg(g.grantable::text ORDER BY g.grantee, g.privilege_type) AS grantable
        FROM (
            SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee,
                a.privilege_type, pg_catalog.bool_or(a.is_grantable) AS grantable
            FROM pg_catalog.aclexplode(o.defaclacl) AS a
            WHERE a.grantee <> o.defaclrole
            GROUP BY a.grantee, a.privilege_type
        ) AS g
    ) AS acl
WHERE (o.defaclnamespace = 0
        OR (n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND n.nspname = ANY (?)))
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_default_acl'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY role_name, schema_name NULLS FIRST, object_type
