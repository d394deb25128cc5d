-- adds a column
ALTER TABLE accounts ADD COLUMN name text;
ALTER TABLE acounts ADD COLUMN email text;
