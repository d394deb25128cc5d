-- foreign_data_wrappers: foreign-data wrappers created by hand (those an extension such as postgres_fdw
-- creates come with the extension). Database-wide, so read whatever the schema filter selects. Options are
-- SQL fragments (name 'value'), sorted. Privileges (USAGE) are read as privileges.sql reads them: the
-- default ACL when none is set, without the owner's own entries, one entry per grantee and privilege.
SELECT
    o.fdwname AS wrapper_name,
    CASE WHEN o.fdwhandler <> 0 THEN o.fdwhandler::pg_catalog.regproc::text END AS handler,
    CASE WHEN o.fdwvalidator <> 0 THEN o.fdwvalidator::pg_catalog.regproc::text END AS validator,
    ARRAY(
        SELECT pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value)
        FROM pg_catalog.pg_options_to_table(o.fdwoptions) AS x
        ORDER BY x.option_name
    ) AS options,
    acl.grantees,
    acl.privilege_types,
    acl.grantable,
    d.description AS comment
FROM pg_catalog.pg_foreign_data_wrapper AS o
    CROSS JOIN LATERAL (
        SELECT pg_catalog.array_agg(g.grantee ORDER BY g.grantee, g.privilege_type) AS grantees,
            pg_catalog.array_agg(g.privilege_type ORDER BY g.grantee, g.privilege_type) AS privilege_types,
            pg_catalog.array_agg(g.grantable::text ORDER BY g.grantee, g.privilege_type) AS grantable
        FROM (
            SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee,
                a.privilege_type, pg_catalog.bool_or(a.is_grantable) AS grantable
            FROM pg_catalog.aclexplode(COALESCE(o.fdwacl, pg_catalog.acldefault('F', o.fdwowner))) AS a
            WHERE a.grantee <> o.fdwowner
            GROUP BY a.grantee, a.privilege_type
        ) AS g
    ) AS acl
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY o.fdwname
