-- How many statements of the current database pg_stat_statements (in the schema %1$s) hides from the role:
-- without pg_read_all_stats, other roles' statements read '<insufficient privilege>'.
SELECT pg_catalog.count(*)
FROM %1$s.pg_stat_statements st
WHERE st.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
  AND st.query = '<insufficient privilege>'
