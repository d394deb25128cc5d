-- The whole schema of the news-analytics service in one file: the same schema that
-- migrations/001 … 004 build step by step.

CREATE TABLE news_sources (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    url         text NOT NULL,
    country     char(2),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    license     text
);

CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          text NOT NULL UNIQUE,
    password_hash  text NOT NULL,
    display_name   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);

CREATE TABLE articles (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id               bigint NOT NULL REFERENCES news_sources (id) ON DELETE CASCADE,
    title                   text NOT NULL,
    url                     text NOT NULL UNIQUE,
    body                    text,
    published_at            timestamptz,
    collected_at            timestamptz NOT NULL DEFAULT now(),
    compliance_status       text NOT NULL DEFAULT 'pending',
    compliance_reviewed_at  timestamptz,
    compliance_reviewed_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    sentiment_score         numeric(4, 3) CHECK (sentiment_score BETWEEN -1 AND 1),
    sentiment_label         text,
    CONSTRAINT articles_compliance_status_check
        CHECK (compliance_status IN ('pending', 'approved', 'rejected'))
);

COMMENT ON TABLE articles IS 'One row per collected article; the body may be fetched later.';

CREATE TABLE user_roles (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    description  text
);

CREATE TABLE user_role_assignments (
    user_id      bigint  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id      integer NOT NULL REFERENCES user_roles (id) ON DELETE RESTRICT,
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role_id)
);

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

INSERT INTO user_roles (name, description) VALUES
    ('admin', 'Manages users and sources'),
    ('analyst', 'Reads and annotates articles'),
    ('auditor', 'Reads the compliance audit log');
