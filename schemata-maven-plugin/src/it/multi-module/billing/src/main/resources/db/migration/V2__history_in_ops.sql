-- Fails unless the history table of schemata.toml at the top of the build is the one in use.
DO $$ BEGIN PERFORM 1 FROM ops.migration_history; END $$;
