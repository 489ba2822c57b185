-- 003: blocking keys per event mention, so late reports find the stored mentions they may join.
CREATE TABLE IF NOT EXISTS mention_blocks (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    day INTEGER NOT NULL,
    mention_id TEXT NOT NULL,
    PRIMARY KEY (kind, value, day, mention_id)
);
CREATE INDEX IF NOT EXISTS mention_blocks_mention ON mention_blocks (mention_id)
