-- aggregates: aggregate functions (prokind 'a'; window functions written in C stay unsupported), each
-- with the whole CREATE AGGREGATE statement built from pg_aggregate, since PostgreSQL has no function that
-- prints one. Every attribute is written out, defaults included, so equal aggregates print equal text.
-- Parameter: the selected schema names (text[]).
SELECT
    n.nspname AS schema_name,
    p.proname AS aggregate_name,
    pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
    'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
        || ' (' || COALESCE(NULLIF(pg_catalog.pg_get_function_arguments(p.oid), ''), '*') || ') ('
        || 'SFUNC = ' || a.aggtransfn::pg_catalog.regproc::text
        || ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, NULL)
        || CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace ELSE '' END
        || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::pg_catalog.regproc::text
            || CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END
            ELSE '' END
        || ', FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
        || CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.aggserialfn <> 0 THEN ', SERIALFUNC = ' || a.aggserialfn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.aggdeserialfn <> 0 THEN ', DESERIALFUNC = ' || a.aggdeserialfn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) ELSE '' END
        || CASE WHEN a.aggmtransfn <> 0 THEN ', MSFUNC = ' || a.aggmtransfn::pg_catalog.regproc::text
            || ', MINVFUNC = ' || a.aggminvtransfn::pg_catalog.regproc::text
            || ', MSTYPE = ' || pg_catalog.format_type(a.aggmtranstype, NULL)
            || CASE WHEN a.aggmtransspace <> 0 THEN ', MSSPACE = ' || a.aggmtransspace ELSE '' END
            || CASE WHEN a.aggmfinalfn <> 0 THEN ', MFINALFUNC = ' || a.aggmfinalfn::pg_catalog.regproc::text
                || CASE WHEN a.aggmfinalextra THEN ', MFINALFUNC_EXTRA' ELSE '' END
                || ', MFINALFUNC_MODIFY = '
                || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
                ELSE '' END
            || CASE WHEN a.aggminitval IS NOT NULL THEN ', MINITCOND = ' || pg_catalog.quote_literal(a.aggminitval) ELSE '' END
            ELSE '' END
        || CASE WHEN a.aggsortop <> 0 THEN ', SORTOP = OPERATOR(' || pg_catalog.quote_ident(son.nspname) || '.' || so.oprname || ')' ELSE '' END
        || CASE WHEN a.aggkind = 'h' THEN ', HYPOTHETICAL' ELSE '' END
        || ', PARALLEL = ' || CASE p.proparallel WHEN 's' THEN 'SAFE' WHEN 'r' THEN 'RESTRICTED' ELSE 'UNSAFE' END
        || ')' AS definition,
    d.description AS comment
FROM pg_catalog.pg_proc AS p
    JOIN pg_catalog.pg_aggregate AS a ON a.aggfnoid = p.oid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
    LEFT JOIN pg_catalog.pg_operator AS so ON so.oid = a.aggsortop
    LEFT JOIN pg_catalog.pg_namespace AS son ON son.oid = so.oprnamespace
    LEFT JOIN pg_catalog.pg_description AS d
        ON d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE p.prokind = 'a'
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND n.nspname = ANY (?)
    AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend AS e
        WHERE e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.objid = p.oid AND e.deptype = 'e'
    )
ORDER BY n.nspname, p.proname, identity_arguments
