-- Compliance review of articles before they feed any report.
ALTER TABLE articles
    ADD COLUMN compliance_status text NOT NULL DEFAULT 'pending',
    ADD COLUMN compliance_reviewed_at timestamptz,
    ADD COLUMN compliance_reviewed_by bigint REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE articles
    ADD CONSTRAINT articles_compliance_status_check
    CHECK (compliance_status IN ('pending', 'approved', 'rejected'));

ALTER TABLE news_sources ADD COLUMN license text;
