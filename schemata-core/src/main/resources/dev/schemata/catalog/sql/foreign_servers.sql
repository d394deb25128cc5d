-- foreign_servers: foreign servers, database-wide, so read whatever the schema filter selects. Options are
-- SQL fragments (name 'value'), sorted; an option named like a password is never read (its value would be
-- a secret), only whether it is set. Privileges are read as foreign_data_wrappers.sql reads them.
SELECT
    o.srvname AS server_name,
    w.fdwname AS wrapper_name,
    o.srvtype AS server_type,
    o.srvversion AS server_version,
    ARRAY(
        SELECT pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value)
        FROM pg_catalog.pg_options_to_table(o.srvoptions) AS x
        WHERE x.option_name !~ 'password$'
        ORDER BY x.option_name
    ) AS options,
    ARRAY(
        SELECT x.option_name FROM pg_catalog.pg_options_to_table(o.srvoptions) AS x
        WHERE x.option_name ~ 'password$' ORDER BY x.option_name
    ) AS secret_options,
    acl.grantees,
    acl.privilege_types,
    acl.grantable,
    d.description AS comment
FROM pg_catalog.pg_foreign_server AS o
    JOIN pg_catalog.pg_foreign_data_wrapper AS w ON w.oid = o.srvfdw
    CROSS JOIN LATERAL (
        SELECT pg_catalog.array_agg(g.grantee ORDER BY g.grantee, g.privilege_type) AS grantees,
            pg_catalog.array_agg(g.privilege_type ORDER BY g.grantee, g.privilege_type) AS privilege_types,
            pg_catalog.array_agg(g.grantable::text ORDER BY g.grantee, g.privilege_type) AS grantable
        FROM (
            SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee,
                a.privilege_type, pg_catalog.bool_or(a.is_grantable) AS grantable
            FROM pg_catalog.aclexplode(COALESCE(o.srvacl, pg_catalog.acldefault('S', o.srvowner))) AS a
            WHERE a.grantee <> o.srvowner
            GROUP BY a.grantee, a.privilege_type
        ) AS g
    ) AS acl
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_foreign_server'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_foreign_server'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY o.srvname
