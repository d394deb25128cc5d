-- operators: operators with their function and optimizer facts, the option list of CREATE OPERATOR built
-- from pg_operator (PostgreSQL has no function that prints one). Shell operators (no function yet, made
-- by a COMMUTATOR or NEGATOR naming an operator not defined) are left out. Operator classes and families
-- are listed by unsupported.sql.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    o.oprname AS operator_name,
    CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS left_type,
    CASE WHEN o.oprright <> 0 THEN pg_catalog.format_type(o.oprright, NULL) END AS right_type,
    'FUNCTION = ' || o.oprcode::pg_catalog.regproc::text
        || CASE WHEN o.oprleft <> 0 THEN ', LEFTARG = ' || pg_catalog.format_type(o.oprleft, NULL) ELSE '' END
        || CASE WHEN o.oprright <> 0 THEN ', RIGHTARG = ' || pg_catalog.format_type(o.oprright, NULL) ELSE '' END
        || CASE WHEN o.oprcom <> 0 THEN ', COMMUTATOR = OPERATOR(' || pg_catalog.quote_ident(cn.nspname) || '.' || com.oprname || ')' ELSE '' END
        || CASE WHEN o.oprnegate <> 0 THEN ', NEGATOR = OPERATOR(' || pg_catalog.quote_ident(nn.nspname) || '.' || neg.oprname || ')' ELSE '' END
        || CASE WHEN o.oprrest <> 0 THEN ', RESTRICT = ' || o.oprrest::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN o.oprjoin <> 0 THEN ', JOIN = ' || o.oprjoin::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN o.oprcanhash THEN ', HASHES' ELSE '' END
        || CASE WHEN o.oprcanmerge THEN ', MERGES' ELSE '' END AS options,
    d.description AS comment
FROM pg_catalog.pg_operator AS o
    JOIN pg_catalog.pg_namespace AS n ON n.oid = o.oprnamespace
    LEFT JOIN pg_catalog.pg_operator AS com ON com.oid = o.oprcom
    LEFT JOIN pg_catalog.pg_namespace AS cn ON cn.oid = com.oprnamespace
    LEFT JOIN pg_catalog.pg_operator AS neg ON neg.oid = o.oprnegate
    LEFT JOIN pg_catalog.pg_namespace AS nn ON nn.oid = neg.oprnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND d.objoid = o.oid AND d.objsubid = 0
WHERE o.oprcode <> 0
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND e.objid = o.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, o.oprname, left_type NULLS FIRST, right_type
