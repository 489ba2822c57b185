-- 006: articles the relevance gate kept out of the NLP stages, with the reason (listed by
-- `spillwatch articles --skipped`; `ingest --no-gate` codes them and removes their rows).
CREATE TABLE IF NOT EXISTS skipped_articles (
    article_id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    model TEXT NOT NULL,
    skipped_at TIMESTAMP NOT NULL
);
ALTER TABLE runs ADD COLUMN skipped_count INTEGER
