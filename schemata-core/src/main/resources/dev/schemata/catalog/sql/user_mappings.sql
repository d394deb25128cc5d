-- user_mappings: user mappings of the foreign servers, by role (PUBLIC for all roles) and server. Options
-- are SQL fragments (name 'value'), sorted; an option named like a password (password, sslpassword) is never
-- read (its value is a secret), only whether it is set. pg_user_mappings shows the options only to the
-- server's owner, the mapped user and superusers.
SELECT
    CASE WHEN o.umuser = 0 THEN 'PUBLIC' ELSE o.usename::text END AS role_name,
    o.srvname AS server_name,
    ARRAY(
        SELECT pg_catalog.quote_ident(x.option_name) || ' ' || pg_catalog.quote_literal(x.option_value)
        FROM pg_catalog.pg_options_to_table(o.umoptions) AS x
        WHERE x.option_name !~ 'password$'
        ORDER BY x.option_name
    ) AS options,
    ARRAY(
        SELECT x.option_name FROM pg_catalog.pg_options_to_table(o.umoptions) AS x
        WHERE x.option_name ~ 'password$' ORDER BY x.option_name
    ) AS secret_options
FROM pg_catalog.pg_user_mappings AS o
WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_foreign_server'::pg_catalog.regclass AND e.objid = o.srvid AND e.deptype = 'e'
    )
ORDER BY role_name, o.srvname
