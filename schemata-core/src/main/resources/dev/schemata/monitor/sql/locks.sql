-- Sessions waiting for a lock, what they wait for, and the sessions that block them (pg_blocking_pids).
SELECT w.pid,
       w.usename AS user_name,
       w.application_name,
       w.datname AS database,
       w.query,
       l.locktype AS lock_type,
       l.mode,
       CASE WHEN l.relation IS NOT NULL AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d
                                                          WHERE d.datname = pg_catalog.current_database())
            THEN l.relation::pg_catalog.regclass::text
            WHEN l.relation IS NOT NULL THEN 'relation ' || l.relation::text
            WHEN l.transactionid IS NOT NULL THEN 'transaction ' || l.transactionid::text
            ELSE l.locktype END AS object,
       EXTRACT(EPOCH FROM pg_catalog.now() - COALESCE(l.waitstart, w.query_start)) * 1000 AS waiting_ms,
       (SELECT COALESCE(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'pid', b.pid, 'user', b.usename, 'application', b.application_name, 'state', b.state,
                   'query', b.query,
                   'transactionMs', (EXTRACT(EPOCH FROM pg_catalog.now() - b.xact_start) * 1000)::bigint)
                   ORDER BY b.pid), '[]')
        FROM pg_catalog.pg_stat_activity b
        WHERE b.pid = ANY (pg_catalog.pg_blocking_pids(w.pid)))::text AS blockers
FROM pg_catalog.pg_stat_activity w
JOIN pg_catalog.pg_locks l ON l.pid = w.pid AND NOT l.granted
WHERE pg_catalog.cardinality(pg_catalog.pg_blocking_pids(w.pid)) > 0
ORDER BY waiting_ms DESC, w.pid
