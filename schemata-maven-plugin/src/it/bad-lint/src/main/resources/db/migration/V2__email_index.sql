-- look-ups by email
CREATE INDEX accounts_email_idx ON accounts (email);
