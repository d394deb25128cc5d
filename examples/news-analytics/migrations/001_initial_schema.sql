-- News sources and the articles collected from them.
CREATE TABLE news_sources (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    url         text NOT NULL,
    country     char(2),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id     bigint NOT NULL REFERENCES news_sources (id) ON DELETE CASCADE,
    title         text NOT NULL,
    url           text NOT NULL UNIQUE,
    body          text,
    published_at  timestamptz,
    collected_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE articles IS 'One row per collected article; the body may be fetched later.';
