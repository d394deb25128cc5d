-- Sentiment, keywords and the audit trail of compliance decisions.
ALTER TABLE articles
    ADD COLUMN sentiment_score numeric(4, 3) CHECK (sentiment_score BETWEEN -1 AND 1),
    ADD COLUMN sentiment_label text;

CREATE TABLE article_keywords (
    article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    keyword     text   NOT NULL,
    weight      real   NOT NULL DEFAULT 1.0,
    PRIMARY KEY (article_id, keyword)
);

CREATE TABLE compliance_audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    user_id     bigint REFERENCES users (id) ON DELETE SET NULL,
    action      text NOT NULL,
    old_status  text,
    new_status  text,
    noted_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_articles_source_id ON articles (source_id);
CREATE INDEX idx_articles_sentiment_label ON articles (sentiment_label);
CREATE INDEX idx_articles_published_at ON articles (published_at DESC);
