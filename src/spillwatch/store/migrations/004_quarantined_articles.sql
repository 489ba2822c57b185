-- 004: a stored article that failed a stage after cleaning (parse, annotators, coding, attribution, event
-- place, block keys, time budget) is quarantined under its article id and never coded again automatically.
ALTER TABLE quarantine ADD COLUMN article_id TEXT;
