-- The statements of the current database from pg_stat_statements (in the schema %1$s), ranked by mean and
-- by total execution time; a row is returned when it is among the %2$d first of either ranking. Only the
-- statements the role may see are ranked (queries-hidden.sql counts the others).
WITH s AS (
    SELECT st.queryid, st.query, st.calls, st.total_exec_time, st.mean_exec_time, st.max_exec_time, st.rows,
           pg_catalog.pg_get_userbyid(st.userid) AS role_name,
           pg_catalog.rank() OVER (ORDER BY st.mean_exec_time DESC, st.queryid) AS mean_rank,
           pg_catalog.rank() OVER (ORDER BY st.total_exec_time DESC, st.queryid) AS total_rank
    FROM %1$s.pg_stat_statements st
    WHERE st.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
      AND st.query NOT LIKE '%%pg_stat_statements%%'
      AND st.query <> '<insufficient privilege>'  -- other roles' statements, hidden without pg_read_all_stats
)
SELECT queryid::text AS query_id, query, calls, total_exec_time, mean_exec_time, max_exec_time, rows, role_name,
       mean_rank, total_rank
FROM s
WHERE mean_rank <= %2$d OR total_rank <= %2$d
ORDER BY mean_rank
